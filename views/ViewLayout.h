#pragma once
// Arranges the three slice views and the 3D view: 1x3 (slices side by side), 2x2 (with 3D), or
// one big view.

#include <QWidget>

class QGridLayout;

namespace lnseg {

enum class ViewArrangement { OneByThree, TwoByTwo, SingleAxial, SingleCoronal, SingleSagittal, SingleSurface };

class ViewLayout : public QWidget {
    Q_OBJECT
public:
    // The layout shows the widgets but does not take part in their work; it becomes their parent.
    ViewLayout(QWidget* axial, QWidget* coronal, QWidget* sagittal, QWidget* surface, QWidget* parent = nullptr);

    void setArrangement(ViewArrangement arrangement);
    ViewArrangement arrangement() const { return m_arrangement; }

private:
    QWidget* m_axial;
    QWidget* m_coronal;
    QWidget* m_sagittal;
    QWidget* m_surface;
    QGridLayout* m_grid;
    ViewArrangement m_arrangement = ViewArrangement::TwoByTwo;
};

}  // namespace lnseg
