#include "image/ImageGeometry.h"
#include "image/ItkBridge.h"
#include "image/VoxelGrid.h"

#include <QtTest/QtTest>

using namespace lnseg;

class GeometryTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void indexWorldRoundTrip();
    void obliqueRoundTrip();
    void orientationCode();
    void refusesAbsurdSizes();
    void voxelGridWrapsItk();
};

void GeometryTest::indexWorldRoundTrip()
{
    ImageGeometry g;
    g.size = {10, 20, 30};
    g.spacing = {0.5, 0.7, 2.5};
    g.origin = {-100, 50, 20};
    const Vector3 world = g.indexToWorld({2, 3, 4});
    QCOMPARE(world[0], -100 + 1.0);
    QCOMPARE(world[1], 50 + 2.1);
    QCOMPARE(world[2], 20 + 10.0);
    const Vector3 back = g.worldToIndex(world);
    QVERIFY(std::abs(back[0] - 2) < 1e-9 && std::abs(back[1] - 3) < 1e-9 && std::abs(back[2] - 4) < 1e-9);
}

void GeometryTest::obliqueRoundTrip()
{
    ImageGeometry g;
    g.size = {4, 4, 4};
    g.spacing = {1, 2, 3};
    const double c = std::cos(0.3), s = std::sin(0.3);
    g.direction = {1, 0, 0, 0, c, -s, 0, s, c};
    const Vector3 world = g.indexToWorld({1.5, -2, 7});
    const Vector3 back = g.worldToIndex(world);
    QVERIFY(std::abs(back[0] - 1.5) < 1e-9 && std::abs(back[1] + 2) < 1e-9 && std::abs(back[2] - 7) < 1e-9);
}

void GeometryTest::orientationCode()
{
    ImageGeometry g;
    QCOMPARE(QString::fromStdString(g.orientationCode()), QString("LPS"));
    g.direction = {-1, 0, 0, 0, -1, 0, 0, 0, 1};
    QCOMPARE(QString::fromStdString(g.orientationCode()), QString("RAS"));
}

void GeometryTest::refusesAbsurdSizes()
{
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, checkAllocatable({100000, 100000, 100000}, 2));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, checkAllocatable({0, 10, 10}, 2));
    checkAllocatable({512, 512, 300}, 2);
}

void GeometryTest::voxelGridWrapsItk()
{
    ImageGeometry g;
    g.size = {3, 4, 5};
    g.spacing = {0.5, 0.5, 2};
    g.origin = {1, 2, 3};
    Volume volume(g, -1000);
    QCOMPARE(volume.voxelCount(), std::size_t(60));
    volume.at(2, 3, 4) = 42;
    QCOMPARE(volume.data()[59], std::int16_t(42));
    QVERIFY(volume.geometry().sameGrid(g));
    // The ITK image shares the buffer.
    QCOMPARE(itkView(volume)->GetBufferPointer(), volume.data());
    // And back: a buffer ITK allocated is adopted without a copy.
    auto image = ItkImage3<std::int16_t>::New();
    ItkImage3<std::int16_t>::RegionType region;
    region.SetSize({{4, 5, 6}});
    image->SetRegions(region);
    image->Allocate(true);
    const std::int16_t* buffer = image->GetBufferPointer();
    const Volume adopted = adoptItkImage<std::int16_t>(image);
    image = nullptr;
    QCOMPARE(adopted.data(), buffer);
    QCOMPARE(adopted.size(), (Size3{4, 5, 6}));
    // A deep copy has its own voxels.
    const Volume copy = volume.clone();
    QVERIFY(copy.data() != volume.data());
    QCOMPARE(copy.at(2, 3, 4), std::int16_t(42));
}

QTEST_GUILESS_MAIN(GeometryTest)
#include "test_geometry.moc"
