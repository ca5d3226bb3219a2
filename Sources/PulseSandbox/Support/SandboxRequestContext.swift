import Foundation
import Hummingbird

/// The request context of every sandbox route, encoding responses in `SandboxJSON`'s style.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
    }

    var responseEncoder: JSONEncoder { SandboxJSON.encoder }
}
