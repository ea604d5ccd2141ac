import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why results could not be written: the path and a plain reason a person can act on ("the disk
/// is full", "permission denied", "… is a file, not a folder"), never a framework's error code.
/// The command line exits with its own code for it (5, "could not write the results").
public struct OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or folder concerned, as the user gave it or as it is on disk.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path; self.reason = reason
    }

    /// `cannot write PATH: REASON`.
    public var description: String { "cannot write \(path): \(reason)" }

    /// The error of a failed system call on `path`, from `errno`.
    public static func system(_ path: String, errno code: Int32) -> OutputError {
        OutputError(path: path, reason: reason(errno: code))
    }

    /// A plain reason for a POSIX error number.
    public static func reason(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full (no space left on the device)"
        case EDQUOT: return "the disk quota is used up"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the disk is read-only"
        case ENOTDIR: return "a part of the path is a file, not a folder"
        case EISDIR: return "a folder is in the way"
        case ENOENT: return "a folder of the path does not exist (was it removed while Setka ran?)"
        case ENAMETOOLONG: return "the path is too long"
        case EIO: return "the disk reported an input/output error"
        case EMLINK, ELOOP: return "too many links (a symbolic-link loop?)"
        case EFBIG: return "the file is too large for this disk"
        default:
            if let text = strerror(code) { return String(cString: text).lowercased() }
            return "system error \(code)"
        }
    }

    /// A plain reason for an error thrown by Foundation while writing (the POSIX reason when
    /// there is one underneath, never `NSCocoaErrorDomain Code=…`).
    public static func reason(_ error: Error) -> String {
        if let e = error as? OutputError { return e.reason }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return reason(errno: Int32(ns.code)) }
        if let u = ns.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(u.code))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch ns.code {
            case NSFileWriteOutOfSpaceError: return reason(errno: ENOSPC)
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return reason(errno: EACCES)
            case NSFileWriteVolumeReadOnlyError: return reason(errno: EROFS)
            case NSFileWriteFileExistsError: return "a file is in the way"
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return reason(errno: ENOENT)
            default: return "the file system refused (\(ns.localizedFailureReason ?? "error \(ns.code)"))"
            }
        }
        return ns.localizedDescription
    }
}
