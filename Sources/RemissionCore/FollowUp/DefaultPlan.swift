extension FollowUpPlan {
    /// Months of the default visits: 1, 3, 6, 9, 12, 18 and 24, then yearly to year 15.
    static let defaultVisitMonths = [1, 3, 6, 9, 12, 18, 24] + Array(stride(from: 36, through: 180, by: 12))

    private static let visitSource = """
        remission's default plan: visits with a clinician assessment at months 1, 3, 6, 9, \
        12, 18 and 24, then yearly (window ± 14 days to month 12, ± 30 days after). Month 3 and 6: remission \
        assessments of the SLE trials (Mackensen 2022, Müller 2024, Feng 2025); yearly to year 15: FDA guidance \
        on long-term follow-up after gene therapy with integrating vectors (January 2020).
        """
    private static let visitLabSource = """
        remission's default plan: at each visit a blood count, CD19 B cells, anti-dsDNA, C3, C4, IgG, urine \
        protein/creatinine and creatinine; blood counts at every visit: EBMT/EHA (Greco et al., \
        eClinicalMedicine 2024;69:102476, Table 7).
        """

    /// A lab drawn at every visit, on the visits' dates and windows.
    private static func visitLab(_ analyte: String, _ what: String, analytes: [String]? = nil) -> PlanSeries {
        PlanSeries(
            id: "visit-\(analyte)", kind: .lab, what: what, analytes: analytes ?? [analyte],
            schedule: .sameAs("visits"), windowDays: 14, lateWindowDays: 30, source: visitLabSource)
    }

    /// The default plan of CLINICAL.md ("Follow-up plan after the infusion (defaults for
    /// `due`, configurable)"), as a table: editable defaults, never medical orders.
    public static let defaults: [PlanSeries] = [
        PlanSeries(
            id: "visits", kind: .visit, what: "Clinic visit with a clinician assessment",
            schedule: .months(defaultVisitMonths), windowDays: 14, lateWindowDays: 30, source: visitSource),
        PlanSeries(
            id: "remission-assessment", kind: .assessment, what: "Remission assessment: SLEDAI-2K and PGA (DORIS, LLDAS)",
            schedule: .months([3, 6]), windowDays: 14,
            source: """
                Trials in SLE assess remission (SLEDAI-2K, PGA → DORIS, LLDAS) at month 3 (week 12) and month 6 \
                (week 24): Mackensen et al., Nat Med 2022; Müller et al., NEJM 2024; Feng et al., Nat Med 2025.
                """),
        visitLab("blood-count", "Blood count with differential", analytes: ["wbc", "neutrophils", "lymphocytes", "platelets", "haemoglobin"]),
        visitLab("cd19", "CD19 B cells"),
        visitLab("anti-dsdna", "Anti-dsDNA"),
        visitLab("c3", "Complement C3"),
        visitLab("c4", "Complement C4"),
        visitLab("igg", "IgG"),
        visitLab("upcr", "Urine protein/creatinine"),
        visitLab("creatinine", "Creatinine"),
        PlanSeries(
            id: "igg-monthly", kind: .lab, what: "IgG (monthly)", analytes: ["igg"],
            schedule: .every(days: 30, fromDay: 30, untilDay: nil), windowDays: 7, until: .iggAboveThreshold,
            source: """
                Late effects after CAR-T (Jain et al., ASTCT/CIBMTR, Transplant Cell Ther 2021;27:222, Table II): \
                serum IgG monthly beyond day 30 until IgG > 400 mg/dL (4 g/L); every 30 days from day 30 \
                (± 7 days): remission's default plan.
                """),
        PlanSeries(
            id: "cd19-monthly", kind: .lab, what: "CD19 B cells (monthly)", analytes: ["cd19"],
            schedule: .every(days: 30, fromDay: 30, untilDay: nil), windowDays: 7, until: .bCellsReconstituted,
            source: """
                remission's default plan: CD19 B cells every 30 days from day 30 (± 7 days) until reconstitution \
                is confirmed; B cells reappeared after 110 ± 32 days (Mackensen et al., Nat Med 2022).
                """),
        PlanSeries(
            id: "vaccination-inactivated", kind: .vaccination,
            what: "Inactivated vaccines: possible if immune reconstitution and no immunosuppression (ask your team)",
            schedule: .months([3]), windowDays: 0,
            source: "Vaccination after CAR-T, Transplant Infectious Disease (PMC10909447), Table 3: inactivated vaccines from month 3."),
        PlanSeries(
            id: "vaccination-live", kind: .vaccination,
            what: "Live vaccines: not before now, nor within 8 months of IVIG (ask your team)",
            schedule: .months([12]), windowDays: 0, ivigGapMonths: 8,
            source: """
                Vaccination after CAR-T, Transplant Infectious Disease (PMC10909447), Table 3: live vaccines not \
                before month 12 and not within 8 months of IVIG.
                """),
        PlanSeries(
            id: "daily-log", kind: .log, what: "Log today", schedule: .daily, windowDays: 0,
            source: "remission: a day without an entry (`remission log`) is due; symptoms are best written down the same day.")
    ]
}
