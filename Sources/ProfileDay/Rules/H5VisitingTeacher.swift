import SetkaModel

/// **H5 visiting teacher**: with `visiting_teacher_rule`, a section held at an organisation other
/// than the teacher's own needs at least `min_size` of its students from that host organisation
/// (a school invites a teacher of another organisation only when at least ten of its own students
/// want the course). A remote section is held at the teacher's own site, so H5 never applies to it.
public enum VisitingTeacherRule {
    /// Whether H5 applies to a section held at `site` (nil = remote) by a teacher of `teacherSite`.
    @inline(__always)
    public static func applies<Site: Equatable>(ruleOn: Bool, site: Site?, teacherSite: Site) -> Bool {
        guard ruleOn, let site else { return false }
        return site != teacherSite
    }

    /// Whether `hostStudents` of the host organisation are enough (`min_size`).
    @inline(__always)
    public static func hostStudentsSuffice(_ hostStudents: Int, minSize: Int) -> Bool { hostStudents >= minSize }
}
