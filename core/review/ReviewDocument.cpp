#include "review/ReviewDocument.h"

#include "anatomy/LevelRules.h"

#include "image/ConnectedComponents.h"
#include "review/SliceInterpolation.h"

#include <QCoreApplication>
#include <QUndoCommand>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

namespace lnseg {
namespace {

// Level and side as the review application shows them (its NodeLabels context: the same
// translations): levels are IA..VII in every language.
QString levelText(NodeLevel level)
{
    if (level == NodeLevel::Other)
        return QCoreApplication::translate("NodeLabels", "other");
    return level == NodeLevel::Unassigned ? QStringLiteral("-") : QString::fromLatin1(toString(level));
}

QString sideText(NodeSide side)
{
    switch (side) {
    case NodeSide::Left: return QCoreApplication::translate("NodeLabels", "left");
    case NodeSide::Right: return QCoreApplication::translate("NodeLabels", "right");
    case NodeSide::Midline: return QCoreApplication::translate("NodeLabels", "midline");
    case NodeSide::Unassigned: break;
    }
    return QStringLiteral("-");
}

}  // namespace

// One undo step: the label voxels it changed and the node table before and after.
class ReviewChangeCommand : public QUndoCommand {
public:
    ReviewChangeCommand(ReviewDocument* document, const QString& text, LabelDelta delta,
                        std::vector<NodeRecord> before, std::vector<NodeRecord> after)
        : QUndoCommand(text), m_document(document), m_delta(std::move(delta)), m_before(std::move(before)),
          m_after(std::move(after))
    {
        m_delta.finish();
    }
    void redo() override
    {
        // The change is already in the document when the command is pushed.
        if (m_firstRedo) {
            m_firstRedo = false;
            m_document->applyState(LabelDelta(), true, m_after);
            m_document->m_lastChangedRegion = m_delta.region(m_document->m_labels.size());
            if (!m_delta.empty())
                Q_EMIT m_document->labelsChanged();
            return;
        }
        m_document->applyState(m_delta, true, m_after);
    }
    void undo() override { m_document->applyState(m_delta, false, m_before); }

private:
    ReviewDocument* m_document;
    LabelDelta m_delta;
    std::vector<NodeRecord> m_before;
    std::vector<NodeRecord> m_after;
    bool m_firstRedo = true;
};

struct ReviewDocument::Stroke {
    std::uint16_t label = 0;
    bool erase = false;
    LabelDelta delta;
    std::vector<NodeRecord> nodesBefore;
};

namespace {

// The two index axes spanning the plane perpendicular to `axis`.
std::array<int, 2> planeAxes(int axis)
{
    if (axis == 0)
        return {1, 2};
    if (axis == 1)
        return {0, 2};
    return {0, 1};
}

void checkAxis(int axis)
{
    if (axis < 0 || axis > 2)
        throw std::invalid_argument("axis must be 0, 1 or 2");
}

}  // namespace

ReviewDocument::ReviewDocument(std::shared_ptr<const Volume> image, QObject* parent)
    : QObject(parent), m_image(std::move(image))
{
    if (!m_image || m_image->empty())
        throw std::invalid_argument("ReviewDocument needs an image");
    m_labels = LabelMap(m_image->geometry());
}

ReviewDocument::~ReviewDocument()
{
    // Commands point back at the document: delete them first.
    m_undoStack.clear();
}

void ReviewDocument::resetLabels(LabelMap labels, std::vector<NodeRecord> nodes)
{
    if (!labels.geometry().sameGrid(m_image->geometry(), 1e-3))
        throw std::runtime_error("the label map does not lie on the image's voxel grid");
    m_labels = std::move(labels);
    std::map<std::uint16_t, NodeRecord> byLabel;
    for (NodeRecord& node : nodes)
        byLabel[node.label] = std::move(node);
    for (const NodeMeasurement& measurement : measureNodes(m_labels)) {
        NodeRecord& node = byLabel[measurement.label];
        if (node.label == 0) {  // voxels without a record: a node drawn elsewhere
            node.label = measurement.label;
            node.status = NodeStatus::Accepted;
        }
        node.measurement = measurement;
        if (!m_assumedGeometry.empty())
            node.assumedGeometry = m_assumedGeometry;
    }
    m_nodes.clear();
    for (auto& [label, node] : byLabel) {
        node.measurement.label = label;
        m_nodes.push_back(std::move(node));
    }
    m_undoStack.clear();
    m_lastChangedRegion = VoxelRegion::whole(m_labels.size());
    Q_EMIT labelsChanged();
    Q_EMIT nodesChanged();
}

const NodeRecord* ReviewDocument::findNode(std::uint16_t label) const
{
    for (const NodeRecord& node : m_nodes)
        if (node.label == label)
            return &node;
    return nullptr;
}

NodeRecord* ReviewDocument::mutableNode(std::uint16_t label)
{
    for (NodeRecord& node : m_nodes)
        if (node.label == label)
            return &node;
    return nullptr;
}

std::size_t ReviewDocument::reviewedCount() const
{
    return static_cast<std::size_t>(std::count_if(m_nodes.begin(), m_nodes.end(),
                                                  [](const NodeRecord& node) { return node.status != NodeStatus::Proposed; }));
}

std::uint16_t ReviewDocument::nextUnreviewed(std::uint16_t label, bool forward) const
{
    if (m_nodes.empty())
        return 0;
    const int count = static_cast<int>(m_nodes.size());
    int start = -1;
    for (int index = 0; index < count; ++index)
        if (m_nodes[index].label == label)
            start = index;
    for (int step = 1; step <= count; ++step) {
        int index = forward ? start + step : (start < 0 ? count : start) - step;
        index = ((index % count) + count) % count;
        if (m_nodes[index].status == NodeStatus::Proposed)
            return m_nodes[index].label;
    }
    return 0;
}

std::uint16_t ReviewDocument::nextFreeLabel() const
{
    std::uint16_t maximum = 0;
    for (const NodeRecord& node : m_nodes)
        maximum = std::max(maximum, node.label);
    if (maximum == 65535)
        throw std::runtime_error("no free node label left (65535 nodes)");
    return static_cast<std::uint16_t>(maximum + 1);
}

void ReviewDocument::touch(NodeRecord& node) const
{
    node.modifiedBy = m_reviewer;
    node.modifiedAt = currentIsoTime();
}

void ReviewDocument::remeasure(std::vector<NodeRecord>& nodes, const LabelDelta& delta) const
{
    const std::vector<std::uint16_t> touched = delta.labelsTouched();
    if (touched.empty())
        return;
    VoxelRegion region = delta.region(m_labels.size());
    for (std::uint16_t label : touched)
        for (const NodeRecord& node : nodes)
            if (node.label == label && node.measurement.voxelCount)
                region.include(node.measurement.bounds);
    for (const NodeMeasurement& measurement : measureNodesInRegion(m_labels, touched, region))
        for (NodeRecord& node : nodes)
            if (node.label == measurement.label) {
                node.measurement = measurement;
                if (!m_assumedGeometry.empty())
                    node.assumedGeometry = m_assumedGeometry;
            }
}

void ReviewDocument::commit(const QString& text, LabelDelta delta, std::vector<NodeRecord> nodesBefore,
                            std::vector<NodeRecord> nodesAfter)
{
    remeasure(nodesAfter, delta);
    if (m_landmarks) {
        const std::vector<std::uint16_t> touched = delta.labelsTouched();
        for (NodeRecord& record : nodesAfter)
            if (std::find(touched.begin(), touched.end(), record.label) != touched.end())
                applySuggestion(record, *m_landmarks);
    }
    m_undoStack.push(new ReviewChangeCommand(this, text, std::move(delta), std::move(nodesBefore), std::move(nodesAfter)));
}

void ReviewDocument::applyState(const LabelDelta& delta, bool forward, const std::vector<NodeRecord>& nodes)
{
    if (!delta.empty()) {
        if (forward)
            delta.apply(m_labels);
        else
            delta.revert(m_labels);
        m_lastChangedRegion = delta.region(m_labels.size());
        Q_EMIT labelsChanged();
    }
    m_nodes = nodes;
    Q_EMIT nodesChanged();
}

void ReviewDocument::beginStroke(std::uint16_t label, bool erase)
{
    if (m_readOnly)
        return;
    if (m_stroke)
        endStroke();
    if (!findNode(label))
        throw std::invalid_argument("no node " + std::to_string(label) + " to paint");
    m_stroke = std::make_unique<Stroke>();
    m_stroke->label = label;
    m_stroke->erase = erase;
    m_stroke->nodesBefore = m_nodes;
}

void ReviewDocument::paintDab(int axis, const Vector3& centre, double radiusMm)
{
    checkAxis(axis);
    if (m_readOnly)
        return;  // beginStroke started nothing
    if (!m_stroke)
        throw std::logic_error("paintDab outside a stroke");
    const Size3 size = m_labels.size();
    const ImageGeometry geometry = m_labels.geometry();
    const auto [u, v] = planeAxes(axis);
    const std::int64_t slice = static_cast<std::int64_t>(std::lround(centre[axis]));
    if (slice < 0 || slice >= size[axis])
        return;
    const double radiusU = radiusMm / geometry.spacing[u], radiusV = radiusMm / geometry.spacing[v];
    const std::int64_t u0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(centre[u] - radiusU)));
    const std::int64_t u1 = std::min<std::int64_t>(size[u] - 1, static_cast<std::int64_t>(std::ceil(centre[u] + radiusU)));
    const std::int64_t v0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(centre[v] - radiusV)));
    const std::int64_t v1 = std::min<std::int64_t>(size[v] - 1, static_cast<std::int64_t>(std::ceil(centre[v] + radiusV)));
    const std::uint16_t label = m_stroke->label;
    std::array<std::int64_t, 3> index{};
    index[axis] = slice;
    for (std::int64_t b = v0; b <= v1; ++b)
        for (std::int64_t a = u0; a <= u1; ++a) {
            const double du = (a - centre[u]) * geometry.spacing[u], dv = (b - centre[v]) * geometry.spacing[v];
            if (du * du + dv * dv > radiusMm * radiusMm)
                continue;
            index[u] = a;
            index[v] = b;
            const std::size_t offset = m_labels.offset(index[0], index[1], index[2]);
            const std::uint16_t current = m_labels.data()[offset];
            if (m_stroke->erase ? current == label : current == 0)
                m_stroke->delta.set(m_labels, offset, m_stroke->erase ? 0 : label);
        }
    VoxelRegion changed;
    std::array<std::int64_t, 3> low{}, high{};
    low[axis] = high[axis] = slice;
    low[u] = u0;
    high[u] = u1;
    low[v] = v0;
    high[v] = v1;
    changed.include(low[0], low[1], low[2]);
    changed.include(high[0], high[1], high[2]);
    m_lastChangedRegion = changed;
    Q_EMIT labelsChanged();
}

void ReviewDocument::endStroke()
{
    if (!m_stroke)
        return;
    std::unique_ptr<Stroke> stroke = std::move(m_stroke);
    if (stroke->delta.empty())
        return;
    std::vector<NodeRecord> after = stroke->nodesBefore;
    for (NodeRecord& node : after)
        if (node.label == stroke->label) {
            if (node.status == NodeStatus::Proposed || node.status == NodeStatus::Accepted)
                node.status = NodeStatus::Edited;
            touch(node);
        }
    commit(stroke->erase ? ReviewDocument::tr("Erase node %1").arg(stroke->label) : ReviewDocument::tr("Paint node %1").arg(stroke->label),
           std::move(stroke->delta), std::move(stroke->nodesBefore), std::move(after));
}

void ReviewDocument::fillPolygon(int axis, int slice, const std::vector<std::array<double, 2>>& polygon,
                                 std::uint16_t label)
{
    if (m_readOnly)
        return;
    checkAxis(axis);
    if (polygon.size() < 3 || !findNode(label))
        return;
    const Size3 size = m_labels.size();
    if (slice < 0 || slice >= size[axis])
        return;
    const auto [u, v] = planeAxes(axis);
    double minimumU = 1e300, maximumU = -1e300, minimumV = 1e300, maximumV = -1e300;
    for (const auto& point : polygon) {
        minimumU = std::min(minimumU, point[0]);
        maximumU = std::max(maximumU, point[0]);
        minimumV = std::min(minimumV, point[1]);
        maximumV = std::max(maximumV, point[1]);
    }
    LabelDelta delta;
    std::array<std::int64_t, 3> index{};
    index[axis] = slice;
    const std::int64_t u0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(minimumU)));
    const std::int64_t u1 = std::min<std::int64_t>(size[u] - 1, static_cast<std::int64_t>(std::ceil(maximumU)));
    const std::int64_t v0 = std::max<std::int64_t>(0, static_cast<std::int64_t>(std::floor(minimumV)));
    const std::int64_t v1 = std::min<std::int64_t>(size[v] - 1, static_cast<std::int64_t>(std::ceil(maximumV)));
    for (std::int64_t b = v0; b <= v1; ++b)
        for (std::int64_t a = u0; a <= u1; ++a) {
            // Even-odd rule at the pixel centre.
            bool inside = false;
            for (std::size_t p = 0, q = polygon.size() - 1; p < polygon.size(); q = p++) {
                const auto& P = polygon[p];
                const auto& Q = polygon[q];
                if ((P[1] > b) != (Q[1] > b) && a < (Q[0] - P[0]) * (b - P[1]) / (Q[1] - P[1]) + P[0])
                    inside = !inside;
            }
            if (!inside)
                continue;
            index[u] = a;
            index[v] = b;
            const std::size_t offset = m_labels.offset(index[0], index[1], index[2]);
            if (m_labels.data()[offset] == 0)
                delta.set(m_labels, offset, label);
        }
    if (delta.empty())
        return;
    std::vector<NodeRecord> before = m_nodes, after = m_nodes;
    for (NodeRecord& node : after)
        if (node.label == label) {
            if (node.status == NodeStatus::Proposed || node.status == NodeStatus::Accepted)
                node.status = NodeStatus::Edited;
            touch(node);
        }
    commit(ReviewDocument::tr("Fill contour of node %1").arg(label), std::move(delta), std::move(before), std::move(after));
}

void ReviewDocument::interpolateBetweenSlices(std::uint16_t label, int axis)
{
    if (m_readOnly)
        return;
    checkAxis(axis);
    const NodeRecord* node = findNode(label);
    if (!node || !node->measurement.voxelCount)
        return;
    // Plain variables, not a structured binding: lambdas below capture them (C++17 clang refuses).
    const std::array<int, 2> axes = planeAxes(axis);
    const int u = axes[0], v = axes[1];
    const VoxelRegion bounds = node->measurement.bounds;
    const ImageGeometry geometry = m_labels.geometry();
    // Work in the node's bounding box in the plane, with a margin so distances are not clipped.
    const int margin = 2;
    const std::int64_t lowU = std::max<std::int64_t>(0, bounds.lower[u] - margin);
    const std::int64_t highU = std::min<std::int64_t>(m_labels.size()[u] - 1, bounds.upper[u] + margin);
    const std::int64_t lowV = std::max<std::int64_t>(0, bounds.lower[v] - margin);
    const std::int64_t highV = std::min<std::int64_t>(m_labels.size()[v] - 1, bounds.upper[v] + margin);
    const int width = static_cast<int>(highU - lowU + 1), height = static_cast<int>(highV - lowV + 1);
    auto offsetOf = [&](std::int64_t slice, std::int64_t a, std::int64_t b) {
        std::array<std::int64_t, 3> index{};
        index[axis] = slice;
        index[u] = a;
        index[v] = b;
        return m_labels.offset(index[0], index[1], index[2]);
    };
    auto sliceMask = [&](std::int64_t slice, bool& any) {
        std::vector<std::uint8_t> mask(static_cast<std::size_t>(width) * height, 0);
        any = false;
        for (std::int64_t b = lowV; b <= highV; ++b)
            for (std::int64_t a = lowU; a <= highU; ++a)
                if (m_labels.data()[offsetOf(slice, a, b)] == label) {
                    mask[(b - lowV) * width + (a - lowU)] = 1;
                    any = true;
                }
        return mask;
    };
    std::vector<std::int64_t> drawn;
    std::map<std::int64_t, std::vector<std::uint8_t>> masks;
    for (std::int64_t slice = bounds.lower[axis]; slice <= bounds.upper[axis]; ++slice) {
        bool any = false;
        auto mask = sliceMask(slice, any);
        if (any) {
            drawn.push_back(slice);
            masks[slice] = std::move(mask);
        }
    }
    LabelDelta delta;
    for (std::size_t index = 0; index + 1 < drawn.size(); ++index) {
        const std::int64_t first = drawn[index], second = drawn[index + 1];
        if (second - first < 2)
            continue;
        const auto distanceFirst = signedDistance2D(masks[first], width, height, geometry.spacing[u], geometry.spacing[v]);
        const auto distanceSecond = signedDistance2D(masks[second], width, height, geometry.spacing[u], geometry.spacing[v]);
        for (std::int64_t slice = first + 1; slice < second; ++slice) {
            const double t = double(slice - first) / double(second - first);
            const auto mask = blendShapes(distanceFirst, distanceSecond, t);
            for (int b = 0; b < height; ++b)
                for (int a = 0; a < width; ++a) {
                    if (!mask[b * width + a])
                        continue;
                    const std::size_t offset = offsetOf(slice, lowU + a, lowV + b);
                    if (m_labels.data()[offset] == 0)
                        delta.set(m_labels, offset, label);
                }
        }
    }
    if (delta.empty())
        return;
    std::vector<NodeRecord> before = m_nodes, after = m_nodes;
    for (NodeRecord& record : after)
        if (record.label == label) {
            if (record.status == NodeStatus::Proposed || record.status == NodeStatus::Accepted)
                record.status = NodeStatus::Edited;
            touch(record);
        }
    commit(ReviewDocument::tr("Fill between slices of node %1").arg(label), std::move(delta), std::move(before), std::move(after));
}

std::uint16_t ReviewDocument::createNode()
{
    if (m_readOnly)
        return 0;
    NodeRecord node;
    node.label = nextFreeLabel();
    node.status = NodeStatus::Accepted;  // drawn by a person: accepted by its author
    node.createdBy = m_reviewer;
    node.createdAt = currentIsoTime();
    touch(node);
    node.measurement.label = node.label;
    std::vector<NodeRecord> before = m_nodes, after = m_nodes;
    after.push_back(node);
    commit(ReviewDocument::tr("New node %1").arg(node.label), LabelDelta(), std::move(before), std::move(after));
    return node.label;
}

void ReviewDocument::deleteNode(std::uint16_t label)
{
    if (m_readOnly)
        return;
    const NodeRecord* node = findNode(label);
    if (!node)
        return;
    LabelDelta delta;
    const VoxelRegion bounds = node->measurement.bounds;
    if (node->measurement.voxelCount)
        for (std::int64_t k = bounds.lower[2]; k <= bounds.upper[2]; ++k)
            for (std::int64_t j = bounds.lower[1]; j <= bounds.upper[1]; ++j)
                for (std::int64_t i = bounds.lower[0]; i <= bounds.upper[0]; ++i) {
                    const std::size_t offset = m_labels.offset(i, j, k);
                    if (m_labels.data()[offset] == label)
                        delta.set(m_labels, offset, 0);
                }
    std::vector<NodeRecord> before = m_nodes, after;
    for (const NodeRecord& record : m_nodes)
        if (record.label != label)
            after.push_back(record);
    commit(ReviewDocument::tr("Delete node %1").arg(label), std::move(delta), std::move(before), std::move(after));
}

void ReviewDocument::mergeNodes(std::uint16_t keep, std::uint16_t absorbed)
{
    if (m_readOnly)
        return;
    const NodeRecord* kept = findNode(keep);
    const NodeRecord* gone = findNode(absorbed);
    if (!kept || !gone || keep == absorbed)
        return;
    LabelDelta delta;
    const VoxelRegion bounds = gone->measurement.bounds;
    if (gone->measurement.voxelCount)
        for (std::int64_t k = bounds.lower[2]; k <= bounds.upper[2]; ++k)
            for (std::int64_t j = bounds.lower[1]; j <= bounds.upper[1]; ++j)
                for (std::int64_t i = bounds.lower[0]; i <= bounds.upper[0]; ++i) {
                    const std::size_t offset = m_labels.offset(i, j, k);
                    if (m_labels.data()[offset] == absorbed)
                        delta.set(m_labels, offset, keep);
                }
    std::vector<NodeRecord> before = m_nodes, after;
    for (const NodeRecord& record : m_nodes) {
        if (record.label == absorbed)
            continue;
        after.push_back(record);
        if (record.label == keep) {
            after.back().status = NodeStatus::Edited;
            touch(after.back());
        }
    }
    commit(ReviewDocument::tr("Merge node %1 into %2").arg(absorbed).arg(keep), std::move(delta), std::move(before),
           std::move(after));
}

std::vector<std::uint16_t> ReviewDocument::splitNode(std::uint16_t label)
{
    if (m_readOnly)
        return {};
    const NodeRecord* node = findNode(label);
    if (!node || !node->measurement.voxelCount)
        return {label};
    const VoxelRegion bounds = node->measurement.bounds;
    // Connected components of the node inside its bounding box.
    ImageGeometry box;
    for (int axis = 0; axis < 3; ++axis)
        box.size[axis] = bounds.upper[axis] - bounds.lower[axis] + 1;
    LabelMap mask(box);
    for (std::int64_t k = 0; k < box.size[2]; ++k)
        for (std::int64_t j = 0; j < box.size[1]; ++j)
            for (std::int64_t i = 0; i < box.size[0]; ++i)
                mask.at(i, j, k) = m_labels.at(bounds.lower[0] + i, bounds.lower[1] + j, bounds.lower[2] + k) == label;
    std::size_t count = 0;
    const LabelMap parts = labelConnectedComponents(mask, &count);
    if (count < 2)
        return {label};
    std::vector<std::uint16_t> labels{label};
    std::uint16_t next = nextFreeLabel();
    for (std::size_t part = 2; part <= count; ++part) {
        if (next == 0)
            throw std::runtime_error("no free node label left");
        labels.push_back(next++);
    }
    LabelDelta delta;
    for (std::int64_t k = 0; k < box.size[2]; ++k)
        for (std::int64_t j = 0; j < box.size[1]; ++j)
            for (std::int64_t i = 0; i < box.size[0]; ++i) {
                const std::uint16_t part = parts.at(i, j, k);
                if (part >= 2)
                    delta.set(m_labels, m_labels.offset(bounds.lower[0] + i, bounds.lower[1] + j, bounds.lower[2] + k),
                              labels[part - 1]);
            }
    std::vector<NodeRecord> before = m_nodes, after = m_nodes;
    NodeRecord original = *node;
    for (NodeRecord& record : after)
        if (record.label == label) {
            record.status = NodeStatus::Edited;
            touch(record);
        }
    for (std::size_t index = 1; index < labels.size(); ++index) {
        NodeRecord part = original;
        part.label = labels[index];
        part.status = NodeStatus::Edited;
        part.createdBy = m_reviewer;
        part.createdAt = currentIsoTime();
        touch(part);
        part.measurement = NodeMeasurement();
        part.measurement.label = part.label;
        after.push_back(part);
    }
    commit(ReviewDocument::tr("Split node %1").arg(label), std::move(delta), std::move(before), std::move(after));
    return labels;
}

void ReviewDocument::changeRecord(std::uint16_t label, const QString& text, const std::function<void(NodeRecord&)>& change)
{
    if (m_readOnly)
        return;
    std::vector<NodeRecord> before = m_nodes, after = m_nodes;
    for (NodeRecord& record : after)
        if (record.label == label) {
            change(record);
            touch(record);
        }
    commit(text, LabelDelta(), std::move(before), std::move(after));
}

void ReviewDocument::setLevel(std::uint16_t label, NodeLevel level)
{
    const NodeRecord* node = findNode(label);
    if (!node)
        return;
    if (node->level == level) {
        if (node->levelSource == LevelSource::Suggested)
            confirmLevel(label);  // the reader chose what was suggested
        return;
    }
    changeRecord(label, ReviewDocument::tr("Set level of node %1 to %2").arg(label).arg(levelText(level)), [level](NodeRecord& record) {
        record.level = level;
        record.levelSource = LevelSource::Reader;
        if (level == NodeLevel::IA || level == NodeLevel::VI || level == NodeLevel::VII)
            record.side = NodeSide::Midline;
    });
}

void ReviewDocument::setSide(std::uint16_t label, NodeSide side)
{
    const NodeRecord* node = findNode(label);
    if (!node || node->side == side)
        return;
    changeRecord(label, ReviewDocument::tr("Set side of node %1 to %2").arg(label).arg(sideText(side)),
                 [side](NodeRecord& record) {
                     record.side = side;
                     record.levelSource = LevelSource::Reader;
                 });
}

bool ReviewDocument::applySuggestion(NodeRecord& record, const AnatomicalLandmarks& landmarks)
{
    if (record.measurement.voxelCount == 0)
        return false;
    if (record.levelSource == LevelSource::Confirmed || record.levelSource == LevelSource::Reader)
        return false;
    if (record.levelSource == LevelSource::None && record.level != NodeLevel::Unassigned)
        return false;  // a level from a file or an earlier reader: kept
    const LevelSuggestion suggestion = suggestLevel(record.measurement.centre, landmarks);
    if (suggestion.level == NodeLevel::Unassigned)
        return false;
    record.level = suggestion.level;
    record.side = suggestion.side;
    record.levelSource = LevelSource::Suggested;
    record.levelConfidence = suggestion.confidence;
    record.levelSuggestion = suggestion.describe();
    record.levelAlternatives = suggestion.alternatives;
    record.levelMissingLandmarks = suggestion.missing;
    return true;
}

std::size_t ReviewDocument::suggestLevels(const AnatomicalLandmarks& landmarks, std::uint16_t label)
{
    if (m_readOnly)
        return 0;
    std::vector<NodeRecord> before = m_nodes, after = m_nodes;
    std::size_t count = 0;
    for (NodeRecord& record : after) {
        if (label != 0 && record.label != label)
            continue;
        const NodeRecord previous = record;
        if (applySuggestion(record, landmarks) && !(record == previous))
            ++count;
    }
    if (count > 0)
        commit(ReviewDocument::tr("Suggest levels of %n node(s)", nullptr, static_cast<int>(count)), LabelDelta(), std::move(before),
               std::move(after));
    return count;
}

void ReviewDocument::setLandmarks(std::shared_ptr<const AnatomicalLandmarks> landmarks)
{
    m_landmarks = std::move(landmarks);
    Q_EMIT landmarksChanged();
}

void ReviewDocument::confirmLevel(std::uint16_t label)
{
    const NodeRecord* node = findNode(label);
    if (!node || node->levelSource != LevelSource::Suggested)
        return;
    changeRecord(label, ReviewDocument::tr("Confirm level %2 of node %1").arg(label).arg(levelText(node->level)),
                 [](NodeRecord& record) { record.levelSource = LevelSource::Confirmed; });
}

void ReviewDocument::setStatus(std::uint16_t label, NodeStatus status)
{
    const NodeRecord* node = findNode(label);
    if (!node || node->status == status)
        return;
    const QString text = status == NodeStatus::Accepted   ? ReviewDocument::tr("Accept node %1").arg(label)
                         : status == NodeStatus::Rejected ? ReviewDocument::tr("Reject node %1").arg(label)
                                                          : ReviewDocument::tr("Set status of node %1").arg(label);
    changeRecord(label, text, [status](NodeRecord& record) { record.status = status; });
}

std::size_t ReviewDocument::addProposals(const ExtractedNodes& proposals, const std::string& modelName)
{
    if (m_readOnly)
        return 0;
    if (!proposals.labels.geometry().sameGrid(m_labels.geometry(), 1e-3))
        throw std::runtime_error("the proposals do not lie on the image's voxel grid");
    std::vector<NodeRecord> before = m_nodes;
    LabelDelta delta;
    // 1. Remove earlier proposals nobody touched.
    std::set<std::uint16_t> replaced;
    for (const NodeRecord& node : m_nodes)
        if (!node.touchedByHuman())
            replaced.insert(node.label);
    std::uint16_t* voxels = m_labels.data();
    const std::size_t count = m_labels.voxelCount();
    if (!replaced.empty())
        for (std::size_t offset = 0; offset < count; ++offset)
            if (voxels[offset] && replaced.count(voxels[offset]))
                delta.set(m_labels, offset, 0);
    std::vector<NodeRecord> after;
    for (const NodeRecord& node : m_nodes)
        if (!replaced.count(node.label))
            after.push_back(node);
    // 2. Which proposals lie mostly inside nodes a person already handled.
    const std::uint16_t* proposed = proposals.labels.data();
    std::map<std::uint16_t, std::size_t> overlap;
    for (std::size_t offset = 0; offset < count; ++offset)
        if (proposed[offset] && voxels[offset])
            ++overlap[proposed[offset]];
    std::uint16_t next = 1;
    for (const NodeRecord& node : after)
        next = std::max<std::uint16_t>(next, static_cast<std::uint16_t>(node.label + 1));
    std::map<std::uint16_t, std::uint16_t> newLabel;
    for (const ExtractedNode& candidate : proposals.nodes) {
        const std::uint16_t label = candidate.measurement.label;
        if (2 * overlap[label] > candidate.measurement.voxelCount)
            continue;
        if (next == 0)
            throw std::runtime_error("no free node label left");
        NodeRecord node;
        node.label = next;
        node.status = NodeStatus::Proposed;
        node.confidence = candidate.meanProbability;
        node.proposedByModel = modelName.empty() ? std::string("model") : modelName;
        node.createdBy = node.proposedByModel;
        node.createdAt = currentIsoTime();
        node.modifiedBy = node.createdBy;
        node.modifiedAt = node.createdAt;
        node.measurement.label = next;
        after.push_back(node);
        newLabel[label] = next++;
    }
    // 3. Paint the accepted proposals into background only.
    for (std::size_t offset = 0; offset < count; ++offset) {
        if (!proposed[offset] || voxels[offset])
            continue;
        const auto found = newLabel.find(proposed[offset]);
        if (found != newLabel.end())
            delta.set(m_labels, offset, found->second);
    }
    const std::size_t added = newLabel.size();
    commit(ReviewDocument::tr("Add proposals from %1 (%n)", nullptr, int(added)).arg(QString::fromStdString(modelName)), std::move(delta),
           std::move(before), std::move(after));
    return added;
}

}  // namespace lnseg
