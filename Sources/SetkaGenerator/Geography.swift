import SetkaModel
/// Flat km coordinates around a centre point, converted to degrees only when written.
///
/// Uses only `+ - * / sqrt` (IEEE-exact everywhere) and its own cosine series, so generated
/// coordinates and every distance decision are the same on every platform.
struct Geography {
    static let kmPerDegree = 111.195  // 6371 km × π / 180
    let centreLat: Double
    let centreLon: Double
    let cosLat: Double
    let minutesPerKm: Double

    init(centreLat: Double, centreLon: Double, travel: (speedKmh: Double, roadFactor: Double)) {
        self.centreLat = centreLat; self.centreLon = centreLon
        cosLat = Geography.cosine(centreLat * 3.141592653589793 / 180)
        minutesPerKm = travel.roadFactor / travel.speedKmh * 60
    }

    /// Latitude and longitude of a point `x` km east and `y` km north of the centre, to 5 decimals.
    func degrees(_ p: Point) -> (lat: Double, lon: Double) {
        (round5(centreLat + p.y / Self.kmPerDegree), round5(centreLon + p.x / (Self.kmPerDegree * cosLat)))
    }

    /// Travel minutes estimated from the flat distance (close to the loader's haversine).
    func minutes(_ a: Point, _ b: Point) -> Double { a.distance(to: b) * minutesPerKm }

    private func round5(_ x: Double) -> Double { (x * 100_000).rounded() / 100_000 }

    /// cos(x) by its Taylor series (|x| < 1.6 here): no platform `cos`.
    static func cosine(_ x: Double) -> Double {
        var term = 1.0, sum = 1.0
        for n in stride(from: 2, through: 40, by: 2) {
            term *= -x * x / Double((n - 1) * n)
            sum += term
        }
        return sum
    }
}

/// A point in km east (`x`) and north (`y`) of a district centre.
struct Point: Sendable {
    var x: Double
    var y: Double
    func distance(to b: Point) -> Double { ((x - b.x) * (x - b.x) + (y - b.y) * (y - b.y)).squareRoot() }
    static func + (a: Point, b: Point) -> Point { Point(x: a.x + b.x, y: a.y + b.y) }
}

extension SplitMix64 {
    /// A point uniformly spread over the ring `inner...outer` km around the origin (by rejection,
    /// so no trigonometry), kept at least `spacing` km from `taken` when it can be.
    mutating func point(inner: Double, outer: Double, avoiding taken: [Point] = [], spacing: Double = 0) -> Point {
        var best = Point(x: 0, y: 0), bestGap = -1.0
        for _ in 0..<40 {
            var p: Point
            repeat {
                p = Point(x: uniform(-outer, outer), y: uniform(-outer, outer))
                let r2 = p.x * p.x + p.y * p.y
                if r2 <= outer * outer && r2 >= inner * inner { break }
            } while true
            let gap = taken.reduce(Double.infinity) { min($0, $1.distance(to: p)) }
            if gap >= spacing { return p }
            if gap > bestGap { best = p; bestGap = gap }
        }
        return best
    }
}
