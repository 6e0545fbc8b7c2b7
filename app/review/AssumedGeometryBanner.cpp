#include "review/AssumedGeometryBanner.h"

namespace lnseg {

namespace {

bool isAssumption(const ImportMessage& message)
{
    return message.code == "spacing_assumed" || message.code == "positions_assumed";
}

}  // namespace

AssumedGeometryBanner::AssumedGeometryBanner(QWidget* parent) : QLabel(parent)
{
    setObjectName(QStringLiteral("assumedGeometryBanner"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setMargin(6);
    setStyleSheet(QStringLiteral("QLabel#assumedGeometryBanner { background: #fff3c4; color: #3a2c00; "
                                 "border-bottom: 1px solid #d9b84a; }"));
    hide();
}

std::string AssumedGeometryBanner::assumptionsOf(const ImportReport& report)
{
    std::string text;
    for (const ImportMessage& message : report.messages)
        if (isAssumption(message))
            text += (text.empty() ? "" : "\n") + message.text;
    return text;
}

void AssumedGeometryBanner::showAssumptions(const ImportReport& report)
{
    const std::string assumptions = assumptionsOf(report);
    if (assumptions.empty()) {
        clear();
        hide();
        return;
    }
    setText(tr("Measurements use assumed geometry:") + QLatin1Char(' ') + QString::fromStdString(assumptions));
    show();
}

}  // namespace lnseg
