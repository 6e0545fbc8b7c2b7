# Voxel-only sources: geometry, voxel grids, node measurements and the synthetic neck phantoms.
# They need only the C++ standard library and nlohmann_json (header-only), so a GPU training
# machine without ITK, DCMTK or Qt can generate phantoms in memory: include this file from a
# standalone CMake project and compile ${LNSEG_VOXEL_SOURCES} with core/ on the include path.
set(LNSEG_VOXEL_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/image/ImageGeometry.cpp
    ${CMAKE_CURRENT_LIST_DIR}/image/VoxelGrid.cpp
    ${CMAKE_CURRENT_LIST_DIR}/nodes/NodeMeasurement.cpp)
file(GLOB LNSEG_PHANTOM_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/phantom/*.cpp)
list(APPEND LNSEG_VOXEL_SOURCES ${LNSEG_PHANTOM_SOURCES})
