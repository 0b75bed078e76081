import Testing
import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

@Suite struct LabValueTests {
    @Test(
        arguments: [
            ("5.2", nil, "5.2", "5.2", "5.2"),
            ("5.0", nil, "5", "5.0", "5.0"),
            ("0.45", nil, "0.45", "0.45", "0.45"),
            ("0", nil, "0", "0", "0"),
            ("<5", "<", "5", "5", "<5"),
            ("> 1000", ">", "1000", "1000", ">1000"),
            ("<=0.1", "<=", "0.1", "0.1", "<=0.1"),
            ("≥ 60", ">=", "60", "60", ">=60"),
            ("  12  ", nil, "12", "12", "12"),
            ("1:160", nil, "160", "1:160", "1:160"),
            ("<1:40", "<", "40", "1:40", "<1:40")
        ] as [(String, String?, String, String, String)])
    func accepted(text: String, qualifier: String?, number: String, typed: String, entered: String) throws {
        let value = try LabValue.parse(text)
        #expect(value.qualifier?.rawValue == qualifier)
        #expect(value.number == dec(number))
        #expect(value.text == typed)
        #expect(value.entered == entered)
    }

    @Test(arguments: [
        ("", "is empty"),
        ("   ", "is empty"),
        ("<", "has no number after the qualifier"),
        ("abc", "is not a number"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        ("1e400", "is not a number"),
        ("1e3", "is not a number"),
        ("5abc", "is not a number"),
        (".5", "is not a number"),
        ("5.", "is not a number"),
        ("1.2.3", "is not a number"),
        ("-1", "is negative; no lab result is below zero"),
        ("1,5", "has a comma; write decimals with a dot (1.5) and no thousands separator"),
        ("1,000", "has a comma; write decimals with a dot (1.5) and no thousands separator"),
        ("1:", "is not a titre; write it as 1:N with a whole number N"),
        ("1:1.5", "is not a titre; write it as 1:N with a whole number N"),
        ("1:0", "is not a titre; N in 1:N must be above zero"),
        ("12345678901234567890", "is not a number")
    ])
    func refused(text: String, reason: String) {
        let error = #expect(throws: InputError.self) { try LabValue.parse(text) }
        #expect(error?.field == "VALUE")
        #expect(error?.value == text)
        #expect(error?.reason == reason)
    }

    @Test func commaMessage() {
        let error = #expect(throws: InputError.self) { try LabValue.parse("1,5", field: "--value") }
        #expect(
            error?.description == "--value '1,5': has a comma; write decimals with a dot (1.5) and no "
                + "thousands separator. Accepted: a number with a dot for decimals (5.2), a bound (<5, >1000) "
                + "or a titre (1:160).")
    }
}

@Suite struct ReferenceRangeTests {
    @Test(
        arguments: [
            ("3.5-5.0", "3.5", "5", "3.5–5"),
            ("0.9–1.8", "0.9", "1.8", "0.9–1.8"),
            ("0.9 — 1.8", "0.9", "1.8", "0.9–1.8"),
            (" 7 - 16 ", "7", "16", "7–16"),
            ("<30", nil, "30", "<30"),
            ("≤ 30", nil, "30", "<30"),
            (">0.9", "0.9", nil, ">0.9"),
            (">=60", "60", nil, ">60"),
            ("5-5", "5", "5", "5–5")
        ] as [(String, String?, String?, String)])
    func accepted(text: String, low: String?, high: String?, rendered: String) throws {
        let range = try ReferenceRange.parse(text)
        #expect(range.low == low.map(dec))
        #expect(range.high == high.map(dec))
        #expect(range.text == rendered)
        #expect(try ReferenceRange.parse(range.text) == range)
    }

    @Test(arguments: [
        ("", "is empty"),
        ("5-3", "has its low end above its high end"),
        ("abc", "is not a range"),
        ("3.5", "is not a range"),
        ("3,5-5", "has a comma; write decimals with a dot (1.5)"),
        ("3.5-", "is missing a number"),
        ("<", "is missing a number"),
        ("1-2-3", "is not a range")
    ])
    func refused(text: String, reason: String) {
        let error = #expect(throws: InputError.self) { try ReferenceRange.parse(text) }
        #expect(error?.field == "--range")
        #expect(error?.value == text)
        #expect(error?.reason == reason)
        #expect(error?.accepted == "low-high (3.5-5.0), <high (<30) or >low (>0.9), with a dot for decimals; for a titre <1:80 or 1:40-1:160")
    }

    @Test func containsIncludesEnds() {
        let range = ReferenceRange(low: dec("0.9"), high: dec("1.8"))
        #expect(range.contains(dec("0.9")))
        #expect(range.contains(dec("1.8")))
        #expect(!range.contains(dec("0.89")))
        #expect(!range.contains(dec("1.81")))
        #expect(ReferenceRange(high: 30).contains(0))
        #expect(!ReferenceRange(low: 60).contains(59))
    }

    @Test func codableRoundTrip() throws {
        let range = ReferenceRange(low: dec("0.1"), high: dec("0.4"))
        let data = try JSONEncoder().encode(range)
        #expect(try JSONDecoder().decode(ReferenceRange.self, from: data) == range)
    }
}
