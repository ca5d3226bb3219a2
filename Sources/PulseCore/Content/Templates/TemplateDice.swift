/// The built-in generator's choices: `SplitMix64` with its own small helpers, so the same seed
/// makes the same choices on every machine and Swift version (the standard library's `shuffle`
/// and `random(in:)` do not promise their algorithms).
struct TemplateDice: Sendable {
    private var generator: SplitMix64

    init(seed: UInt64) {
        self.generator = SplitMix64(seed: seed)
    }

    mutating func next() -> UInt64 {
        self.generator.next()
    }

    /// A number in `0..<count` (0 when `count` is not positive). The modulo bias is irrelevant
    /// for lists of a few dozen templates.
    mutating func below(_ count: Int) -> Int {
        guard count > 1 else { return 0 }
        return Int(self.next() % UInt64(count))
    }

    /// One element of `choices`, nil when it is empty.
    mutating func pick<T>(_ choices: [T]) -> T? {
        choices.isEmpty ? nil : choices[self.below(choices.count)]
    }

    /// `items` in a random order (Fisher–Yates).
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var items = items
        guard items.count > 1 else { return items }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, self.below(index + 1))
        }
        return items
    }
}
