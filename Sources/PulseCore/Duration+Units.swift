extension Duration {
    /// Whole nanoseconds, saturating at `Int64.max` (for NIO's `TimeAmount` and metrics).
    public var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = self.components
        let scaled = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !scaled.overflow else { return seconds < 0 ? .min : .max }
        return scaled.partialValue.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }

    /// The duration in seconds as a floating-point value (Foundation's `TimeInterval`).
    public var seconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
