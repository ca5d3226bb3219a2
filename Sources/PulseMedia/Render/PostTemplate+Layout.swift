/// Where a template puts its text and badge on the 1080×1080 canvas.
extension PostTemplate {
    /// The box the title is fitted into.
    var titleBox: TextBox {
        switch self {
        case .bold:
            TextBox(x: 96, y: 190, width: 888, height: 640, weight: .bold, maxFontSize: 120, minFontSize: 36, maxLines: 20, alignment: .center)
        case .split:
            TextBox(x: 96, y: 480, width: 888, height: 520, weight: .bold, maxFontSize: 100, minFontSize: 32, maxLines: 20, alignment: .leading)
        case .frame:
            TextBox(x: 180, y: 200, width: 780, height: 600, weight: .bold, maxFontSize: 104, minFontSize: 32, maxLines: 20, alignment: .leading)
        }
    }

    /// The box the account name is fitted into, on one line.
    var accountBox: TextBox {
        switch self {
        case .bold:
            TextBox(x: 96, y: 900, width: 888, height: 80, weight: .regular, maxFontSize: 40, minFontSize: 20, maxLines: 1, alignment: .center)
        case .split:
            TextBox(x: 96, y: 280, width: 760, height: 80, weight: .bold, maxFontSize: 44, minFontSize: 20, maxLines: 1, alignment: .leading)
        case .frame:
            TextBox(x: 180, y: 860, width: 780, height: 80, weight: .regular, maxFontSize: 40, minFontSize: 20, maxLines: 1, alignment: .leading)
        }
    }

    /// The centre of the promotion badge, clear of both text boxes.
    var badgeCenter: (x: Double, y: Double) {
        switch self {
        case .bold, .split: (972, 108)
        case .frame: (960, 120)
        }
    }
}
