import Foundation
import SkyTime

/// An open cluster whose members are chosen from Hipparcos-2 by position, proper motion and parallax.
///
/// Membership rule (documented, reproducible): within `radius` of the centre, proper motion within
/// `pmTolerance` of the cluster's mean, parallax within `parallaxTolerance` of its mean. Mean motions and
/// parallaxes after Gaia Collaboration, Babusiaux et al. 2018, A&A 616, A10 (rounded; the tolerances are wide
/// enough that the rounding does not matter).
public struct StarCluster: Sendable, Hashable {
    /// Catalogue designation, e.g. `M45`.
    public let designation: String
    /// Other names (English, NGC/Melotte numbers, Chinese).
    public let names: [String]
    /// Centre, ICRS degrees.
    public let center: (ra: Double, dec: Double)
    /// Search radius around the centre (degrees).
    public let radiusDegrees: Double
    /// Mean proper motion (μα cos δ, μδ) and the accepted distance from it (mas/yr).
    public let pmRA: Double, pmDec: Double, pmTolerance: Double
    /// Mean parallax and the accepted difference from it (mas).
    public let parallax: Double, parallaxTolerance: Double

    public static func == (a: StarCluster, b: StarCluster) -> Bool { a.designation == b.designation }
    public func hash(into h: inout Hasher) { h.combine(designation) }

    /// The clusters skyrecon knows by name.
    public static let known: [StarCluster] = [
        StarCluster(designation: "M45", names: ["Pleiades", "Seven Sisters", "NGC 1432", "Mel 22", "昴星團", "昴星团"],
                    center: (56.75, 24.12), radiusDegrees: 2.0, pmRA: 20.0, pmDec: -45.5, pmTolerance: 8,
                    parallax: 7.36, parallaxTolerance: 2.0),
        StarCluster(designation: "M44", names: ["Praesepe", "Beehive", "Beehive Cluster", "NGC 2632", "Mel 88"],
                    center: (130.1, 19.67), radiusDegrees: 2.0, pmRA: -36.0, pmDec: -12.9, pmTolerance: 8,
                    parallax: 5.37, parallaxTolerance: 2.0),
        StarCluster(designation: "Mel 25", names: ["Hyades", "Melotte 25"],
                    center: (66.75, 15.87), radiusDegrees: 10.0, pmRA: 101.0, pmDec: -28.5, pmTolerance: 40,
                    parallax: 21.05, parallaxTolerance: 5.0),
        StarCluster(designation: "M7", names: ["Ptolemy Cluster", "NGC 6475", "魚", "鱼"],
                    center: (268.45, -34.79), radiusDegrees: 1.5, pmRA: 3.1, pmDec: -5.4, pmTolerance: 4,
                    parallax: 3.6, parallaxTolerance: 1.5),
    ]

    /// HIP numbers of the members in `catalog`, brightest first.
    func members(in catalog: StarCatalog) -> [Int] {
        let c = SIMD3(cos(center.dec * .pi / 180) * cos(center.ra * .pi / 180),
                      cos(center.dec * .pi / 180) * sin(center.ra * .pi / 180), sin(center.dec * .pi / 180))
        let minCos = cos(radiusDegrees * .pi / 180)
        var found: [(hip: Int, v: Double)] = []
        catalog.forEachRow { hip, ra, dec, plx, pmra, pmdec, v in
            guard abs(plx - parallax) <= parallaxTolerance,
                  (pmra - pmRA) * (pmra - pmRA) + (pmdec - pmDec) * (pmdec - pmDec) <= pmTolerance * pmTolerance
            else { return }
            let r = ra * .pi / 180, d = dec * .pi / 180
            let u = SIMD3(cos(d) * cos(r), cos(d) * sin(r), sin(d))
            if (u * c).sum() >= minCos { found.append((hip, v)) }
        }
        return found.sorted { $0.v < $1.v }.map(\.hip)
    }
}
