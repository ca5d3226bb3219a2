import PulseCore

/// The random choices of fault injection: seeded (repeatable) when a seed was given, otherwise
/// from the system generator.
struct FaultDice: Sendable {
    private var seeded: SplitMix64?

    init(seed: UInt64?) {
        self.seeded = seed.map(SplitMix64.init(seed:))
    }

    /// True with probability `rate`. Rates of 0 and 1 consume no randomness, so a seeded sequence
    /// is not shifted by checks that cannot go either way.
    mutating func roll(_ rate: Double?) -> Bool {
        guard let rate, rate > 0 else { return false }
        guard rate < 1 else { return true }
        return self.unit() < rate
    }

    /// One of `choices`, uniformly.
    mutating func pick<T>(_ choices: [T]) -> T? {
        guard !choices.isEmpty else { return nil }
        return choices[Int(self.unit() * Double(choices.count)) % choices.count]
    }

    /// A number in 0..<1.
    private mutating func unit() -> Double {
        if var generator = self.seeded {
            let value = Double.random(in: 0..<1, using: &generator)
            self.seeded = generator
            return value
        }
        return Double.random(in: 0..<1)
    }
}
