/// The panel an analyte belongs to, for grouping tables and charts in reports.
public enum AnalyteGroup: String, Sendable, Codable, CaseIterable {
    case bCells = "b-cells"
    case autoantibody
    case complement
    case immunoglobulin
    case kidney
    case inflammation
    case bloodCount = "blood-count"
}
