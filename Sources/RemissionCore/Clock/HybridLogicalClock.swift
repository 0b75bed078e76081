/// A hybrid logical clock stamp (Kulkarni et al., 2014).
///
/// The stamp keeps wall-clock milliseconds in its upper 48 bits and a logical counter in
/// its lower 16, so stamps compare as plain integers and stay close to real time while
/// still ordering events that the wall clock cannot tell apart.
public struct HLCTimestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: Int64

    public init(rawValue: Int64) { self.rawValue = rawValue }

    public init(physical: Int64, logical: Int64) {
        rawValue = (physical << 16) | (logical & 0xFFFF)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var physical: Int64 { rawValue >> 16 }
    public var logical: Int64 { rawValue & 0xFFFF }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The instant in UTC, to the millisecond: `2026-11-20T08:15:02.120Z`.
    public var iso8601: String {
        let millis = physical
        let seconds = millis.floorDiv(1000)
        let days = seconds.floorDiv(86_400)
        let secondOfDay = seconds - days * 86_400
        let date = CalendarDate(julianDay: Int(days) + CalendarDate.unixEpochJulianDay)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(date.iso)T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay % 3600 / 60, 2)):"
            + "\(pad(secondOfDay % 60, 2)).\(pad(millis - seconds * 1000, 3))Z"
    }

    public var description: String { "\(iso8601)+\(logical)" }
}

extension Int64 {
    fileprivate func floorDiv(_ divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// The clock rules of DESIGN.md §5, as pure functions so that tests can drive the wall
/// clock. The store persists the last stamp with every write.
public struct HybridLogicalClock: Sendable, Hashable {
    /// A remote stamp further ahead of our wall clock than this is kept but does not
    /// drag our clock forward: one device with a wrong clock must not skew every other.
    public static let maximumDrift: Int64 = 60 * 60 * 1000

    public private(set) var last: HLCTimestamp

    public init(last: HLCTimestamp) { self.last = last }

    /// The stamp for a local event at wall time `now` (milliseconds since 1970).
    public mutating func tick(now: Int64) -> HLCTimestamp {
        if now > last.physical {
            last = HLCTimestamp(physical: now, logical: 0)
        } else {
            last = Self.stamp(physical: last.physical, logical: last.logical + 1)
        }
        return last
    }

    /// A stamp whose logical counter may have outgrown its 16 bits: it carries into the
    /// milliseconds instead of wrapping to a stamp earlier than the ones before it.
    private static func stamp(physical: Int64, logical: Int64) -> HLCTimestamp {
        logical > 0xFFFF ? HLCTimestamp(physical: physical + 1, logical: 0) : HLCTimestamp(physical: physical, logical: logical)
    }

    /// Takes in a stamp seen on a remote operation; returns false when the stamp is too far
    /// ahead of the wall clock to be trusted, in which case the clock is left alone.
    @discardableResult
    public mutating func receive(_ remote: HLCTimestamp, now: Int64) -> Bool {
        guard remote.physical <= now + Self.maximumDrift else { return false }
        let physical = max(now, last.physical, remote.physical)
        let logical: Int64
        if physical == last.physical && physical == remote.physical {
            logical = max(last.logical, remote.logical) + 1
        } else if physical == last.physical {
            logical = last.logical + 1
        } else if physical == remote.physical {
            logical = remote.logical + 1
        } else {
            logical = 0
        }
        last = Self.stamp(physical: physical, logical: logical)
        return true
    }
}

extension CalendarDate {
    /// The julian day of 1970-01-01, where clock stamps start counting.
    static let unixEpochJulianDay = CalendarDate(year: 1970, month: 1, day: 1)!.julianDay
}
