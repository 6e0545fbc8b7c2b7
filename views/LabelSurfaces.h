#pragma once
// Surface meshes for the 3D view: one per label (discrete flying edges) and an optional bone
// surface. Meshes are in index * spacing coordinates; worldMatrix() places them in LPS.

#include "image/VoxelGrid.h"

#include <vtkSmartPointer.h>

#include <cstdint>

class vtkPolyData;
class vtkMatrix4x4;
class vtkLookupTable;

namespace lnseg {

// Label surfaces; each point carries its label as scalar. `largestLabel` receives the highest
// label present (0 when none). The label map's buffer is read in place: call on the thread that
// owns the label map, not while it is being edited.
vtkSmartPointer<vtkPolyData> buildLabelSurfaces(const LabelMap& labels, bool smooth, std::uint16_t* largestLabel);

// Iso-surface at `thresholdHu` of the volume subsampled to at most ~`maximumExtent` voxels per
// axis (bone at full resolution is slow and not needed for orientation).
vtkSmartPointer<vtkPolyData> buildThresholdSurface(const Volume& volume, double thresholdHu, int maximumExtent);

// index * spacing -> world (LPS): direction and origin of the grid.
vtkSmartPointer<vtkMatrix4x4> worldMatrix(const ImageGeometry& geometry);

// Label k -> the same colour as in the slice views.
vtkSmartPointer<vtkLookupTable> labelLookupTable(std::uint16_t largestLabel);

}  // namespace lnseg
