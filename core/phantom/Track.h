#pragma once
// A scalar that varies smoothly with height z (mm): knots interpolated with a Catmull-Rom spline,
// constant beyond the first and last knot. Anatomy is described with such tracks (the width of
// the neck, the path of a vessel, ...).

#include <initializer_list>
#include <utility>
#include <vector>

namespace lnseg {

class Track {
public:
    Track() = default;
    // Knots as (z, value) pairs in increasing z.
    Track(std::initializer_list<std::pair<double, double>> knots) : m_knots(knots) {}
    explicit Track(std::vector<std::pair<double, double>> knots) : m_knots(std::move(knots)) {}

    double operator()(double z) const;
    // Adds `offset` to every knot value.
    Track shifted(double offset) const;
    // Multiplies every knot value by `factor`.
    Track scaled(double factor) const;

private:
    std::vector<std::pair<double, double>> m_knots;
};

}  // namespace lnseg
