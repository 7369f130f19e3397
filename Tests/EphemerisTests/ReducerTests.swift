import Foundation
import TestSupport
import Testing
import SkyTime
@testable import Ephemeris

/// Behaviour of the `Reducer` façade that the reference file does not cover (needs de421.bsp).
@Suite("Reducer façade", .enabled(if: TestData.hasDE421, "set SKYRECON_TEST_DE421=/path/to/de421.bsp (pip install skyfield-data==7.0.0)"))
struct ReducerTests {
    let reducer: Reducer

    init() throws {
        reducer = Reducer(ephemeris: try SPKEphemeris(path: try References.requireDE421().path))
    }

    @Test("Asking for the Earth from the Earth is an error with a fix, not NaN")
    func earthFromEarth() {
        #expect(throws: ReductionError.targetIsObserver) {
            try reducer.apparent(.body(.earth), at: Instant(jdTT: 2_451_545.0))
        }
        #expect(ReductionError.targetIsObserver.errorDescription?.contains("another body") == true)
    }

    @Test("A date outside the SPK throws EphemerisError.outOfRange")
    func outOfRange() {
        #expect(throws: EphemerisError.self) { try reducer.apparent(.body(.mars), at: Instant(jdTT: 1_000_000.5)) }
    }

    @Test("Places name their models, including the ephemeris file")
    func modelNames() throws {
        let place = try reducer.apparent(.body(.venus), at: Instant(jdTT: 2_451_545.0))
        #expect(place.models["ephemeris"] == "de421.bsp")
        #expect(place.models["precession"]?.contains("Vondrák") == true)
        #expect(place.models["nutation"] == "IAU 2000B")
    }

    @Test("Switching deflection off removes exactly the reported deflection (Regulus near the Sun, 2000-08-23)")
    func deflectionOff() throws {
        let instant = Instant(jdTT: 2_451_779.5)
        let regulus = CatalogStar(name: "HIP 49669", rightAscension: .radians(2.6545337495), declination: .radians(0.2088669583),
                                  properMotionRA: -248.73, properMotionDec: 5.59, parallax: 41.13, radialVelocity: 5.9)
        let on = try reducer.apparent(.star(regulus), at: instant)
        let plain = Reducer(ephemeris: reducer.ephemeris, models: ReductionModels(lightDeflection: false))
        let off = try plain.apparent(.star(regulus), at: instant)
        #expect(off.deflection.radians == 0)
        #expect(on.deflection.arcseconds > 0.1)
        let moved = separationArcseconds(on.rightAscension.degrees, on.declination.degrees,
                                         off.rightAscension.degrees, off.declination.degrees)
        #expect(abs(moved - on.deflection.arcseconds) < 1e-3 * on.deflection.arcseconds)
        #expect(off.models["deflection"] == "off")
    }

    @Test("Refraction off leaves the true altitude; standard air raises it by Saemundsson's amount")
    func refractionSwitch() throws {
        let site = GeodeticSite(longitude: .degrees(108.93), latitude: .degrees(34.27), height: 400)
        let instant = Instant(jdTT: 2_451_545.0, 0.1)
        let airless = try reducer.topocentric(.body(.sun), at: instant, deltaT: 64, site: site, atmosphere: .none)
        let air = try reducer.topocentric(.body(.sun), at: instant, deltaT: 64, site: site, atmosphere: .standard)
        #expect(airless.refractedAltitude == airless.altitude)
        #expect(abs((air.refractedAltitude - air.altitude).radians
            - Atmosphere.standard.refraction(trueAltitude: air.altitude).radians) < 1e-15)
        #expect(airless.models["refraction"] == "off")
    }
}
