#include "LabelSurfaces.h"

#include "image/LabelPalette.h"

#include <vtkDiscreteFlyingEdges3D.h>
#include <vtkFlyingEdges3D.h>
#include <vtkImageData.h>
#include <vtkImageShrink3D.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkPolyDataNormals.h>
#include <vtkShortArray.h>
#include <vtkUnsignedShortArray.h>
#include <vtkWindowedSincPolyDataFilter.h>

#include <algorithm>

namespace lnseg {

namespace {

// vtkImageData over the grid's buffer without copying (save = 1: VTK never frees it).
template <typename ArrayType, typename VoxelType>
vtkSmartPointer<vtkImageData> wrapGrid(const VoxelGrid<VoxelType>& grid)
{
    const ImageGeometry geometry = grid.geometry();
    auto image = vtkSmartPointer<vtkImageData>::New();
    image->SetDimensions(int(geometry.size[0]), int(geometry.size[1]), int(geometry.size[2]));
    image->SetSpacing(geometry.spacing.data());
    image->SetOrigin(0, 0, 0);
    auto array = vtkSmartPointer<ArrayType>::New();
    array->SetArray(const_cast<VoxelType*>(grid.data()), vtkIdType(grid.voxelCount()), 1);
    image->GetPointData()->SetScalars(array);
    return image;
}

}  // namespace

vtkSmartPointer<vtkPolyData> buildLabelSurfaces(const LabelMap& labels, bool smooth, std::uint16_t* largestLabel)
{
    const std::uint16_t largest =
        labels.voxelCount() ? *std::max_element(labels.data(), labels.data() + labels.voxelCount()) : 0;
    if (largestLabel)
        *largestLabel = largest;
    if (largest == 0)
        return vtkSmartPointer<vtkPolyData>::New();
    vtkNew<vtkDiscreteFlyingEdges3D> surfaces;
    surfaces->SetInputData(wrapGrid<vtkUnsignedShortArray>(labels));
    surfaces->GenerateValues(largest, 1, largest);
    surfaces->ComputeNormalsOff();
    surfaces->ComputeGradientsOff();
    surfaces->ComputeScalarsOn();
    vtkAlgorithmOutput* output = surfaces->GetOutputPort();
    vtkNew<vtkWindowedSincPolyDataFilter> smoother;
    if (smooth) {
        smoother->SetInputConnection(output);
        smoother->SetNumberOfIterations(15);
        smoother->SetPassBand(0.1);
        smoother->NonManifoldSmoothingOn();
        smoother->NormalizeCoordinatesOn();
        smoother->BoundarySmoothingOff();
        output = smoother->GetOutputPort();
    }
    vtkNew<vtkPolyDataNormals> normals;
    normals->SetInputConnection(output);
    normals->SplittingOff();
    normals->ConsistencyOn();
    normals->Update();
    vtkSmartPointer<vtkPolyData> result = normals->GetOutput();
    return result;
}

vtkSmartPointer<vtkPolyData> buildThresholdSurface(const Volume& volume, double thresholdHu, int maximumExtent)
{
    const Size3 size = volume.size();
    vtkNew<vtkImageShrink3D> shrink;
    shrink->SetInputData(wrapGrid<vtkShortArray>(volume));
    int factors[3];
    for (int axis = 0; axis < 3; ++axis)
        factors[axis] = std::max<int>(1, int((size[axis] + maximumExtent - 1) / maximumExtent));
    shrink->SetShrinkFactors(factors);
    shrink->AveragingOn();
    vtkNew<vtkFlyingEdges3D> surface;
    surface->SetInputConnection(shrink->GetOutputPort());
    surface->SetValue(0, thresholdHu);
    surface->ComputeNormalsOn();
    surface->ComputeScalarsOff();
    surface->Update();
    vtkSmartPointer<vtkPolyData> result = surface->GetOutput();
    return result;
}

vtkSmartPointer<vtkMatrix4x4> worldMatrix(const ImageGeometry& geometry)
{
    auto matrix = vtkSmartPointer<vtkMatrix4x4>::New();
    for (int row = 0; row < 3; ++row) {
        for (int column = 0; column < 3; ++column)
            matrix->SetElement(row, column, geometry.direction[row * 3 + column]);
        matrix->SetElement(row, 3, geometry.origin[row]);
    }
    return matrix;
}

vtkSmartPointer<vtkLookupTable> labelLookupTable(std::uint16_t largestLabel)
{
    auto table = vtkSmartPointer<vtkLookupTable>::New();
    const int count = int(largestLabel) + 1;
    table->SetNumberOfTableValues(count);
    table->SetTableRange(0, std::max(1, int(largestLabel)));
    for (int label = 0; label < count; ++label) {
        const RgbColour colour = labelColour(std::uint16_t(label));
        table->SetTableValue(label, colour.red / 255.0, colour.green / 255.0, colour.blue / 255.0, 1.0);
    }
    table->Build();
    return table;
}

}  // namespace lnseg
