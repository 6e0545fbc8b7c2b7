#include "ViewLayout.h"

#include <QGridLayout>

namespace lnseg {

ViewLayout::ViewLayout(QWidget* axial, QWidget* coronal, QWidget* sagittal, QWidget* surface, QWidget* parent)
    : QWidget(parent), m_axial(axial), m_coronal(coronal), m_sagittal(sagittal), m_surface(surface),
      m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(2);
    for (QWidget* view : {m_axial, m_coronal, m_sagittal, m_surface})
        view->setParent(this);
    setStyleSheet(QStringLiteral("background-color: #202020;"));
    setArrangement(ViewArrangement::TwoByTwo);
}

void ViewLayout::setArrangement(ViewArrangement arrangement)
{
    m_arrangement = arrangement;
    for (QWidget* view : {m_axial, m_coronal, m_sagittal, m_surface}) {
        m_grid->removeWidget(view);
        view->hide();
    }
    for (int i = 0; i < 3; ++i) {
        m_grid->setRowStretch(i, 0);
        m_grid->setColumnStretch(i, 0);
    }
    auto place = [this](QWidget* view, int row, int column) {
        m_grid->addWidget(view, row, column);
        m_grid->setRowStretch(row, 1);
        m_grid->setColumnStretch(column, 1);
        view->show();
    };
    switch (arrangement) {
    case ViewArrangement::OneByThree:
        place(m_axial, 0, 0);
        place(m_coronal, 0, 1);
        place(m_sagittal, 0, 2);
        break;
    case ViewArrangement::TwoByTwo:
        place(m_axial, 0, 0);
        place(m_surface, 0, 1);
        place(m_coronal, 1, 0);
        place(m_sagittal, 1, 1);
        break;
    case ViewArrangement::SingleAxial: place(m_axial, 0, 0); break;
    case ViewArrangement::SingleCoronal: place(m_coronal, 0, 0); break;
    case ViewArrangement::SingleSagittal: place(m_sagittal, 0, 0); break;
    case ViewArrangement::SingleSurface: place(m_surface, 0, 0); break;
    }
}

}  // namespace lnseg
