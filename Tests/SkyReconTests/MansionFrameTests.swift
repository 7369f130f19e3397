import Foundation
import Testing
@testable import SkyRecon

/// 入宿度 is measured from the determinative star in the same system as the body (apparent right ascension of
/// date), so every determinative star lies at exactly 0 度 of its own mansion, in either convention.
/// Regression: with mean places for the determinatives, 昴宿一 (Electra) came out at 胃 15.23 度 in 757.
struct MansionFrameTests {
    @Test(arguments: ["0757-03-14T12:00TT", "1800-06-01T00:00TT", "-1000-01-01T00:00TT"])
    func determinativesAreAtZeroDu(date: String) throws {
        let view = try SkyRecon.view()
        let instant = try Moment(parsing: date).instant(deltaT: view.models.deltaT)
        let convention = view.models.mansionConvention.resolved(at: instant)
        for mansion in view.catalog.mansions.all {
            let star = try #require(view.catalog.stars.star(hip: mansion.determinative(convention)))
            let observation = try view.observe(.star(star), at: instant)[0]
            let place = try view.mansionPosition(of: observation)
            #expect(place.mansion.number == mansion.number && place.du < 1e-6,
                    "\(mansion.name)'s determinative at \(place.mansion.name) \(place.du) 度")
        }
    }
}
