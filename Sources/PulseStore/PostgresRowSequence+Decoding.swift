import PostgresNIO

extension PostgresRowSequence {
    /// The first row through `decode`, nil when there are none (the rest are drained).
    func first<T>(decoding decode: (PostgresRow) throws -> T) async throws -> T? {
        var first: T?
        for try await row in self where first == nil {
            first = try decode(row)
        }
        return first
    }

    /// Every row through `decode`.
    func all<T>(decoding decode: (PostgresRow) throws -> T) async throws -> [T] {
        var all: [T] = []
        for try await row in self {
            all.append(try decode(row))
        }
        return all
    }
}
