import ArgumentParser
import Foundation
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionSync

extension Remission {
    struct Devices: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "devices",
            abstract: "The devices that write to this journal: last seen, segments.",
            discussion: """
                Example:
                  $ remission devices
                """)
        @OptionGroup var options: JournalOptions

        func run() throws {
            let context = try CommandContext(options)
            let journal = try context.openJournal()
            let identity = try journal.identity()
            let names = try journal.deviceNames()
            struct Row: Encodable {
                let device: String
                let name: String
                let remote: String?
                let segments: Int64
                let lastSeen: String?
                enum CodingKeys: String, CodingKey {
                    case device, name, remote, segments
                    case lastSeen = "last_seen"
                }
            }
            var rows: [Row] = []
            var table = TextTable(header: ["DEVICE", "NAME", "REMOTE", "SEGMENTS", "LAST SEEN"])
            var listedSelf = false
            for remote in try journal.remotes() {
                for (device, position) in try journal.chainPositions(remote: remote.name).sorted(by: { $0.key < $1.key }) {
                    let name = names[device] ?? device
                    table.append([
                        String(device.prefix(8)), name + (device == identity.deviceID ? " (this device)" : ""),
                        remote.name, String(position.sequence), position.lastSeen ?? ""
                    ])
                    listedSelf = listedSelf || device == identity.deviceID
                    rows.append(Row(device: device, name: name, remote: remote.name, segments: position.sequence, lastSeen: position.lastSeen))
                }
            }
            if !listedSelf {
                table.append([String(identity.deviceID.prefix(8)), (names[identity.deviceID] ?? "") + " (this device)", "", "0", ""])
                rows.append(Row(device: identity.deviceID, name: names[identity.deviceID] ?? "", remote: nil, segments: 0, lastSeen: nil))
            }
            if context.json {
                print(try JSONOutput.encode(rows))
            } else {
                print(table.render { row, _, cell in row == 0 ? context.style.bold(cell) : cell })
            }
        }
    }
}
