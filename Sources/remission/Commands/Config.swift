import ArgumentParser
import Foundation
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore

extension Remission {
    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Show or change the thresholds of summary, trend and report.",
            discussion: """
                Settings are kept per journal in settings.json in the journal directory (mode \
                0600); only the keys you change are stored, the others follow their documented \
                defaults. `--set KEY=VALUE` on summary, trend and report changes one for a \
                single run. Settings are not synced between devices.

                Examples:
                  $ remission config list
                  $ remission config set b_cell_reconstitution_per_ul 50
                  $ remission config unset b_cell_reconstitution_per_ul
                """,
            subcommands: [List.self, Get.self, SetValue.self, Unset.self, Reset.self],
            defaultSubcommand: List.self)

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List every setting with its value and default.")
            @OptionGroup var options: JournalOptions

            func run() throws {
                let context = try CommandContext(options)
                _ = try context.openJournal()
                let file = SettingsFile(location: context.location)
                let changed = try file.overrides()
                let settings = try file.load()
                if context.json {
                    let rows: [JSONValue] = ClinicalSettings.Key.allCases.map { key in
                        [
                            "key": .string(key.rawValue),
                            "value": .number(Decimal(string: settings.value(of: key))),
                            "default": .number(Decimal(string: ClinicalSettings.defaults.value(of: key))),
                            "changed": .bool(changed[key] != nil),
                            "description": .string(key.help)
                        ]
                    }
                    print(try JSONOutput.encode(JSONValue.array(rows)))
                    return
                }
                var table = TextTable(header: ["KEY", "VALUE", "DEFAULT", "MEANING"])
                for key in ClinicalSettings.Key.allCases {
                    table.append([
                        key.rawValue, settings.value(of: key) + (changed[key] != nil ? " *" : ""),
                        ClinicalSettings.defaults.value(of: key), key.help
                    ])
                }
                print(table.render { row, _, cell in row == 0 ? context.style.bold(cell) : cell })
                if !changed.isEmpty { print("\n* changed in \(file.path)") }
            }
        }

        struct Get: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "get", abstract: "Print the value of one setting.")
            @OptionGroup var options: JournalOptions
            @Argument(help: "The setting, e.g. igg_low_g_per_l.") var key: String

            func run() throws {
                let context = try CommandContext(options)
                _ = try context.openJournal()
                let key = try ClinicalSettings.Key.named(key)
                print(try SettingsFile(location: context.location).load().value(of: key))
            }
        }

        /// Named `SetValue` so that it does not hide `Swift.Set` in this file.
        struct SetValue: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Change a setting for this journal.")
            @OptionGroup var options: JournalOptions
            @Argument(help: "The setting, e.g. igg_low_g_per_l.") var key: String
            @Argument(help: "The new value, a plain number.") var value: String

            func run() throws {
                let context = try CommandContext(options)
                _ = try context.openJournal()
                let key = try ClinicalSettings.Key.named(key)
                let file = SettingsFile(location: context.location)
                var overrides = try file.overrides()
                var settings = try file.load()
                try settings.set(key, to: value)
                overrides[key] = settings.value(of: key)
                try file.save(overrides)
                print("\(key.rawValue) = \(settings.value(of: key)) (default \(ClinicalSettings.defaults.value(of: key)))")
            }
        }

        struct Unset: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "unset", abstract: "Return one setting to its default.")
            @OptionGroup var options: JournalOptions
            @Argument(help: "The setting, e.g. igg_low_g_per_l.") var key: String

            func run() throws {
                let context = try CommandContext(options)
                _ = try context.openJournal()
                let key = try ClinicalSettings.Key.named(key)
                let file = SettingsFile(location: context.location)
                var overrides = try file.overrides()
                overrides[key] = nil
                try file.save(overrides)
                print("\(key.rawValue) = \(ClinicalSettings.defaults.value(of: key)) (default)")
            }
        }

        struct Reset: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "reset", abstract: "Return every setting to its default.")
            @OptionGroup var options: JournalOptions

            func run() throws {
                let context = try CommandContext(options)
                _ = try context.openJournal()
                try SettingsFile(location: context.location).save([:])
                print("All settings are back to their defaults.")
            }
        }
    }
}
