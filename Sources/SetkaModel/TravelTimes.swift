import Foundation

/// Travel minutes between organisations, by their position in `Scenario.organisations`.
///
/// A pair given in `travel.csv` uses that value (for both directions unless the reverse row is
/// also given); any other pair gets great-circle km × road_factor / speed_kmh × 60, unrounded
/// (haversine, sphere of radius 6371 km). A site to itself is 0. A pair with neither is `nil`.
public struct TravelTimes: Sendable {
    public static let earthRadiusKm = 6371.0

    private var coordinates: [(lat: Double, lon: Double)?] = []
    private var explicit: [Int64: Double] = [:]
    private var minutesPerKm: Double = 1.3 / 40 * 60

    public init() {}

    public init(organisations: [Organisation], index: [String: Int], entries: [TravelEntry],
                settings: TravelSettings) {
        coordinates = organisations.map { o in
            guard let lat = o.latitude, let lon = o.longitude else { return nil }
            return (lat, lon)
        }
        minutesPerKm = settings.roadFactor / settings.speedKmh * 60
        // Explicit rows first, then their reverses where the reverse row is not given.
        var given: [Int64: Double] = [:]
        for e in entries {
            guard let i = index[e.from], let j = index[e.to] else { continue }
            given[Self.key(i, j)] = e.minutes
        }
        explicit = given
        for (k, v) in given {
            let rev = Self.key(Int(k & 0xFFFF_FFFF), Int(k >> 32))
            if given[rev] == nil { explicit[rev] = v }
        }
    }

    @inline(__always) private static func key(_ i: Int, _ j: Int) -> Int64 { Int64(i) << 32 | Int64(j) }

    /// Minutes from organisation `i` to organisation `j`, or nil when unknown.
    public func minutes(_ i: Int, _ j: Int) -> Double? {
        if i == j { return 0 }
        if !explicit.isEmpty, let m = explicit[Self.key(i, j)] { return m }
        guard i < coordinates.count, j < coordinates.count,
              let a = coordinates[i], let b = coordinates[j] else { return nil }
        return Self.greatCircleKm(a.lat, a.lon, b.lat, b.lon) * minutesPerKm
    }

    /// Haversine distance in km on a sphere of radius 6371 km.
    public static func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad, dLon = (lon2 - lon1) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadiusKm * asin(min(1, sqrt(h)))
    }
}
