#pragma once
// Finds the landmarks of the nodal level classification in a neck CT (HU), from intensities and
// their arrangement only: thresholds, 2D connected components, rays and tracking along z. No
// model, no atlas. Works in physical LPS coordinates: the CT is first resampled onto an
// axis-aligned working grid (inPlaneMm x inPlaneMm x sliceMm, or the CT's own spacing where it is
// coarser), so that any stored orientation (e.g. NIfTI P-L-I) gives the same landmarks.
//
//   body and airway per axial section; midline = airway centre (body centre without airway);
//   bone (> boneHu) anterior to the airway near the midline, as runs along z: the lowest run is
//   the manubrium and the medial clavicles (its top: the sternal notch); the lowest tall, wide run
//   above it the mandible (its bottom: the inferior border); the short run just below the mandible
//   the hyoid (its bottom: the bottom of the hyoid body);
//   cricoid: the cartilage plate behind the airway lumen (the cricoid lamina; the thyroid
//   cartilage is open posteriorly) between clavicles and hyoid; its lowest section;
//   skull base: lowest section above the mandible whose bone behind the airway is wide (occiput);
//   jugular vein and carotid artery: enhancing (> vesselHu) round components lateral to the
//   airway, tracked along z from the level of the hyoid: the lateral large one is the vein, the
//   next one medial to it the artery;
//   sternocleidomastoid: the most superficial muscle met by rays from the jugular vein (laterally
//   to anteriorly), grown within the muscle range near the skin; its posterior edge;
//   submandibular gland: the first soft tissue run anterior to the jugular vein, between hyoid and
//   mandible; its posterior edge (median over columns and sections).
// Confidences: the share of neck sections where a per-section landmark was found, and a shape
// score for the heights. Landmarks not found stay found = false.

#include "anatomy/AnatomicalLandmarks.h"
#include "image/VoxelGrid.h"

#include <atomic>
#include <stdexcept>

namespace lnseg {

struct LandmarkDetectionOptions {
    double inPlaneMm = 1.0;
    double sliceMm = 2.0;
    double boneHu = 450;
    double vesselHu = 120;
    // Set (from another thread) to stop early: detectLandmarks then throws LandmarkDetectionCancelled
    // within one slice's work (the review window's background search, when the window closes).
    const std::atomic<bool>* cancel = nullptr;
};

struct LandmarkDetectionCancelled : std::runtime_error {
    LandmarkDetectionCancelled() : std::runtime_error("landmark detection cancelled") {}
};

AnatomicalLandmarks detectLandmarks(const Volume& ct, const LandmarkDetectionOptions& options = {});

}  // namespace lnseg
