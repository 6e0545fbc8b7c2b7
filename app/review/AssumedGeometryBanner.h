#pragma once
// A banner above the views while the open image's geometry rests on assumed values (the import's
// spacing_assumed and positions_assumed warnings: Pixel Spacing 0\0, missing slice positions...),
// because every distance, node size and volume shown is then in assumed millimetres. Hidden when
// the geometry is as stated.

#include "io/ImportReport.h"

#include <QtWidgets/QLabel>

namespace lnseg {

class AssumedGeometryBanner : public QLabel {
    Q_OBJECT
public:
    explicit AssumedGeometryBanner(QWidget* parent = nullptr);

    // Shows the assumptions among `report`'s messages, or hides the banner when there are none.
    void showAssumptions(const ImportReport& report);
    // The assumptions' sentences, one per line (English, as the import wrote them); empty if none.
    static std::string assumptionsOf(const ImportReport& report);
};

}  // namespace lnseg
