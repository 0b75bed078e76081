import Foundation
import RemissionCore
import RemissionReports

/// An iCalendar file (RFC 5545) of all-day events: the follow-up plan for a calendar app.
///
/// Written by hand because the format is small: CRLF line ends, lines folded at 75 octets
/// (never inside a UTF-8 character), and TEXT values escaped (`\`, `;`, `,`, line breaks).
/// Every event's UID is stable, so importing the file again updates the events instead of
/// duplicating them.
public struct ICalendar: Sendable {
    /// One all-day event.
    public struct Event: Sendable, Hashable {
        public var uid: String
        public var date: CalendarDate
        public var summary: String
        public var description: String

        public init(uid: String, date: CalendarDate, summary: String, description: String) {
            self.uid = uid
            self.date = date
            self.summary = summary
            self.description = description
        }
    }

    public var name: String
    /// DTSTAMP of every event: the day the file describes (its "as of" day), not the wall
    /// clock, so the same journal on the same day gives the same bytes, and a file made on a
    /// later day is newer to a calendar app.
    public var stamp: CalendarDate
    public var events: [Event]

    public init(name: String, stamp: CalendarDate, events: [Event]) {
        self.name = name
        self.stamp = stamp
        self.events = events
    }

    /// The follow-up items that belong in a calendar: overdue, due and upcoming ones (not the
    /// daily entry, nor information), on their due dates. Only what the item names goes in (no value, no note, no threshold crossed).
    ///
    /// - Parameter journalID: makes the UIDs unique to the journal: `igg-monthly:d60@JOURNAL.remission`.
    public static func followUp(_ schedule: DueSchedule, journalID: String) -> ICalendar {
        let items = schedule.current.filter { $0.status == .due || $0.status == .upcoming || $0.status == .overdue }
            .filter { $0.kind != .log }
        let events = items.map { item in
            Event(
                uid: "\(item.id)@\(journalID).remission", date: item.dueDate,
                summary: item.what,
                description: "Window: \(DueText.window(item)). From your follow-up plan in remission "
                    + "(series \(item.series)); `remission due` shows where it stands.")
        }
        return ICalendar(name: "remission follow-up", stamp: schedule.asOf, events: events)
    }

    public func render() -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//remission//follow-up plan//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name)
        ]
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + Self.escape(event.uid),
                "DTSTAMP:" + Self.basic(stamp) + "T000000Z",
                "DTSTART;VALUE=DATE:" + Self.basic(event.date),
                "DTEND;VALUE=DATE:" + Self.basic(event.date.adding(days: 1)),
                "SUMMARY:" + Self.escape(event.summary),
                "DESCRIPTION:" + Self.escape(event.description),
                "TRANSP:TRANSPARENT",
                "END:VEVENT"
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20260402`: the DATE form.
    static func basic(_ date: CalendarDate) -> String {
        date.iso.replacingOccurrences(of: "-", with: "")
    }

    /// TEXT escaping (RFC 5545 3.3.11).
    public static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// Folds a content line into lines of at most 75 octets, continuation lines starting with
    /// one space (RFC 5545 3.1), without splitting a UTF-8 character.
    public static func fold(_ line: String) -> String {
        var parts: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            let limit = parts.isEmpty ? 75 : 74  // a continuation line spends one octet on its space
            if octets + size > limit {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}
