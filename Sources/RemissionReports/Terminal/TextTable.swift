import RemissionCore

/// Left-aligned columns for terminal listings; no line ends in spaces.
public struct TextTable: Sendable {
    public var rows: [[String]] = []

    public init(header: [String]? = nil) {
        if let header { rows.append(header) }
    }

    /// Cells may hold names from elsewhere (a synced device or symptom name): shown, never
    /// acted on by the terminal.
    public mutating func append(_ row: [String]) { rows.append(row.map { EntryText.visible($0) }) }

    /// The table as lines. `style` decorates cells after padding, so escapes never skew widths.
    public func render(style: (_ row: Int, _ column: Int, _ cell: String) -> String = { $2 }) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return rows.enumerated().map { rowIndex, row in
            // Empty cells at the end of a row are left out, so that no line ends in spaces.
            let row = row.prefix((row.lastIndex { !$0.isEmpty } ?? -1) + 1)
            return row.enumerated().map { index, cell in
                let padded = index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
                return style(rowIndex, index, padded)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
