import RemissionCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// An exact decimal from its digits, so that expectations never pass through `Double`.
func dec(_ text: String) -> Decimal {
    guard let value = Decimal(string: text) else { fatalError("bad decimal literal \(text)") }
    return value
}

/// A calendar date from its ISO text, for tests that write many.
func d(_ iso: String) -> CalendarDate {
    guard let date = CalendarDate(iso: iso) else { fatalError("bad date \(iso)") }
    return date
}
