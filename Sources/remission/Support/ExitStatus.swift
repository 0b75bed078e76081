import ArgumentParser
import RemissionCore
import RemissionFormats
import RemissionReports
import RemissionStore
import RemissionSync

/// The exit statuses of remission, from sysexits(3), documented in `remission --help`.
enum ExitStatus {
    /// Bad usage or a value the journal cannot accept (EX_USAGE).
    static let usage: Int32 = 64
    /// A file that is not what it should be: not a journal, not an export, a damaged store (EX_DATAERR).
    static let dataError: Int32 = 65
    /// No journal where one was expected (EX_NOINPUT).
    static let noJournal: Int32 = 66
    /// Cannot create: a journal or an output file already exists (EX_CANTCREAT).
    static let cannotCreate: Int32 = 73
    /// A file could not be read or written (EX_IOERR).
    static let ioError: Int32 = 74
    /// The remote cannot be reached or fails (EX_UNAVAILABLE).
    static let unavailable: Int32 = 69
    /// The passphrase does not open the journal (EX_NOPERM).
    static let noPermission: Int32 = 77
    /// Another sync of the journal is running: try again later (EX_TEMPFAIL).
    static let tryAgain: Int32 = 75
    /// `due --check`: an item of the follow-up plan is due or overdue. Not an error and not
    /// from sysexits: low, like grep's 1 and diff's 1, so that a script tells it from a
    /// failure (1, or 64 and up) at a glance.
    static let followUpDue: Int32 = 3

    static let discussion = """
        Exit status: 0 success; 64 bad usage or value; 65 not a journal or export, a \
        damaged journal, or an imported file with bad rows; 66 no journal; 73 journal or file exists already; 74 file cannot be \
        read or written; 69 remote unreachable or failing; 75 another sync of the journal is running; 77 wrong \
        passphrase; 1 anything else. On any error nothing is written. Not an error: 3 from \
        `due --check`, something is due or overdue.
        """

    /// The status for an error that reached the top, and the message to print for it.
    static func classify(_ error: any Error) -> (status: Int32, message: String)? {
        switch error {
        case let error as InputError:
            return (usage, error.description)
        case let error as JournalError:
            switch error {
            case .notFound: return (noJournal, error.description)
            case .alreadyExists: return (cannotCreate, error.description)
            case .notAJournal, .newerSchema, .invalidOperation, .database, .badSettings, .badPlan: return (dataError, error.description)
            case .unreadable: return (ioError, error.description)
            case .unknownRecord, .ambiguousRecord, .invalidChange: return (usage, error.description)
            }
        case let error as ExportError:
            return (dataError, error.description)
        case let error as CSVError:
            return (dataError, error.description)
        case let error as LabImportError:
            switch error {
            case .mapping: return (usage, error.description)
            case .rows: return (dataError, error.description)
            }
        case let error as SyncError:
            switch error {
            case .wrongPassphrase: return (noPermission, error.description)
            case .syncRunning: return (tryAgain, error.description)
            case .noPassphrase, .passphrasesDiffer, .insecureHTTP, .unknownRemote, .noRemote: return (usage, error.description)
            case .notStoredAsWritten: return (unavailable, error.description)
            default: return (dataError, error.description)
            }
        case let error as SyncFormatError:
            return (dataError, error.description)
        case let error as HTTPError:
            return (unavailable, error.description)
        case let error as RemoteError:
            return (unavailable, error.description)
        case let error as CreateOnlyProbe.Refusal:
            return (unavailable, error.description)
        case let error as CommandFailure:
            return (error.status, error.message)
        case let error as ValidationError:
            // Thrown by a command's own checks in run(): the message says what to give; the
            // generic usage line would only bury it. (ArgumentParser's parsing errors, and
            // those of validate(), keep their usage line.)
            return (usage, error.message)
        default:
            return nil
        }
    }
}

/// A failure a command words itself.
struct CommandFailure: Error, CustomStringConvertible {
    let status: Int32
    let message: String
    var description: String { message }
}
