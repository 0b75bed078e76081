/// SplitMix64: small, fast, and the same sequence on every platform for a given seed, so that
/// a property test's seed replays the same case anywhere.
///
/// Every seeded test in the package draws from this one generator; changing `next()` changes
/// every recorded seed's case.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A lower-case UUID drawn from this generator, so that record and device ids repeat
    /// with the seed.
    public mutating func uuid() -> String {
        let hex = (0..<32).map { _ in String(Int.random(in: 0..<16, using: &self), radix: 16) }
        var characters = hex
        characters[12] = "4"
        characters[16] = ["8", "9", "a", "b"][Int.random(in: 0..<4, using: &self)]
        let text = characters.joined()
        func part(_ from: Int, _ to: Int) -> String {
            String(text[text.index(text.startIndex, offsetBy: from)..<text.index(text.startIndex, offsetBy: to)])
        }
        return [part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32)].joined(separator: "-")
    }

    /// True `percent` times in a hundred.
    public mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &self) < percent }
}
