/// Text normalisation and near-miss matching shared by the catalogues.
///
/// Users type names the way their lab report or pill box spells them ("Anti-dsDNA",
/// "anti ds dna", "CellCept"), so lookups compare keys without case or separators, and
/// a typing slip gets a suggestion instead of a bare refusal.
enum TextKey {
    /// Drops leading and trailing whitespace without Foundation.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }

    /// Lowercased, with spaces, hyphens, underscores and apostrophes removed:
    /// "Anti-ds DNA" and "anti_dsdna" give the same key.
    ///
    /// Every catalogue builds its index through this at first use, so plain ASCII (every
    /// catalogue name, nearly every typed one) takes a byte loop; other text goes through
    /// Unicode's whitespace, case and grapheme rules (``unicodeLookup(_:)``), which give
    /// the same key for ASCII.
    static func lookup(_ text: String) -> String {
        asciiLookup(text) ?? unicodeLookup(text)
    }

    static func unicodeLookup(_ text: String) -> String {
        String(trimmed(text).lowercased().filter { !separators.contains($0) })
    }

    /// ``unicodeLookup(_:)`` for ASCII text without line breaks (which trimming treats
    /// apart from spaces and tabs), else nil.
    static func asciiLookup(_ text: String) -> String? {
        var key: [UInt8] = []
        key.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x20, 0x09, 0x2D, 0x5F, 0x27: continue  // space, tab, -, _, '
            case 0x0A...0x0D, 0x80...: return nil
            case 0x41...0x5A: key.append(byte + 0x20)
            default: key.append(byte)
            }
        }
        return String(decoding: key, as: UTF8.self)
    }

    private static let separators: Set<Character> = [" ", "-", "_", "'", "\u{2019}", "\u{2010}", "\u{2011}", "\t"]

    /// Optimal string alignment distance: edits, with a swap of neighbours counting as one.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow = [Int](), row = Array(0...b.count)
        var twoRowsBack = [Int]()
        for i in 1...a.count {
            twoRowsBack = previousRow
            previousRow = row
            row = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previousRow[j] + 1, row[j - 1] + 1, previousRow[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], twoRowsBack[j - 2] + 1)
                }
            }
        }
        return row[b.count]
    }

    /// The id whose key is nearest to `key` within two edits (one for keys of four
    /// characters or fewer, where two edits would suggest almost anything).
    static func suggestion(for key: String, among candidates: [(key: String, id: String)], allowed: Int? = nil) -> String? {
        guard !key.isEmpty else { return nil }
        let allowed = allowed ?? (key.count <= 4 ? 1 : 2)
        var best: (distance: Int, id: String)?
        for candidate in candidates {
            let distance = distance(key, candidate.key)
            if distance <= allowed, distance < (best?.distance ?? Int.max) {
                best = (distance, candidate.id)
            }
        }
        return best?.id
    }
}
