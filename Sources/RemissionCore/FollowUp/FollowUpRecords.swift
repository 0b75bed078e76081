#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the follow-up plan is checked against: dated records with their ids, so that a done
/// item can name the record that satisfied it.
///
/// Plain values, filled by the store (`Journal.followUpRecords()`) or by hand in tests.
public struct FollowUpRecords: Sendable, Hashable {
    /// A record that counts by its date alone (an assessment, a visit, a day entry).
    public struct Dated: Sendable, Hashable {
        public var id: String
        public var date: CalendarDate
        public init(id: String, date: CalendarDate) {
            self.id = id
            self.date = date
        }
    }

    /// A lab result: the analyte satisfies lab items, the value ends conditional series.
    public struct Lab: Sendable, Hashable {
        public var id: String
        public var point: LabPoint
        public init(id: String, point: LabPoint) {
            self.id = id
            self.point = point
        }
    }

    /// Day 0: the first infusion.
    public var infusion: CalendarDate?
    /// In date order (then in the order entered).
    public var labs: [Lab]
    public var assessments: [Dated]
    /// `visit` events.
    public var visits: [Dated]
    /// `ivig` events, for the live-vaccine window.
    public var ivig: [Dated]
    /// Day entries and symptoms: what makes a day logged.
    public var entries: [Dated]

    public init(
        infusion: CalendarDate? = nil, labs: [Lab] = [], assessments: [Dated] = [], visits: [Dated] = [],
        ivig: [Dated] = [], entries: [Dated] = []
    ) {
        self.infusion = infusion
        self.labs = labs
        self.assessments = assessments
        self.visits = visits
        self.ivig = ivig
        self.entries = entries
    }
}
