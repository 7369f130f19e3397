// The 757 reconstruction in ten lines: Venus and the Pleiades on 至德二載二月戊戌 (0757-03-14 Julian), seen from Chang'an.
import SkyRecon

let view = try SkyRecon.view()                                    // compact DE422, SMH2020 ΔT, standard catalogue
let changan = try Gazetteer.standard().site(named: "changan")
let date = try SkyRecon.readDate("至德二載二月戊戌")                 // or "0757-03-14"
let scene = try view.scene(date, objects: ["venus", "pleiades"], site: changan)
for snapshot in scene.snapshots {
    for s in snapshot.separations { print("\(snapshot.title): \(s.from)–\(s.toStar) \(s.angle.degrees)° at \(snapshot.instant)") }
}
