import Tables

/// The project's seeded generator, for tests that import only TestSupport.
public typealias SplitMix64 = Tables.SplitMix64
