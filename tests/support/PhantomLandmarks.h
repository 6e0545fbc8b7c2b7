#pragma once
// The landmarks of a phantom as its anatomy model defines them (the truth the detector is checked
// against, and what the generator's own level assignment is checked with): heights from
// NeckLandmarks, per millimetre of height the jugular veins, carotids and the back of the
// sternocleidomastoids, the back of the submandibular glands, the submental width. In the upright
// patient frame (the scanner frame for phantoms without a pose). Header-only: for tests and the
// level evaluation program.

#include "anatomy/AnatomicalLandmarks.h"
#include "phantom/NeckAnatomy.h"
#include "phantom/NeckPhantom.h"
#include "phantom/PhantomRandom.h"

#include <algorithm>
#include <memory>

namespace lnseg {

// The anatomy generateNeckPhantom(options) drew (same seed, same draws).
inline std::unique_ptr<NeckAnatomy> phantomAnatomy(const PhantomOptions& options)
{
    PhantomRandom random(options.seed);
    auto anatomy = std::make_unique<NeckAnatomy>(random);
    if (options.randomization.enabled) {
        const DrawnAppearance drawn = drawAppearance(options.randomization, options.seed);
        anatomy->setAppearance({drawn.arteryHu, drawn.veinHu, drawn.muscleHu, drawn.fatHu, drawn.subcutaneousFatMm,
                                options.randomization.extraMimics});
    }
    return anatomy;
}

inline AnatomicalLandmarks phantomLandmarks(const NeckAnatomy& anatomy)
{
    AnatomicalLandmarks result;
    const NeckLandmarks& marks = anatomy.landmarks();
    result.manubriumTop = {true, marks.clavicle, 1};
    result.cricoidBottom = {true, marks.cricoidBottom, 1};
    result.hyoidBottom = {true, marks.hyoidBottom, 1};
    result.mandibleBottom = {true, marks.mandibleBottom, 1};
    result.skullBase = {true, marks.skullBase, 1};
    for (int side = 0; side < 2; ++side) {
        const Ellipsoid gland = anatomy.submandibularGland(side ? Side::Left : Side::Right);
        result.gland[side] = {true, gland.centre[1] + gland.halfExtents()[1], 1};
    }
    result.digastricFound = true;
    result.submentalHalfWidthMm = anatomy.submentalHalfWidth();
    result.vesselConfidence = result.muscleConfidence = 1;
    for (double z = anatomy.bottom(); z <= anatomy.top(); z += 1.0) {
        LandmarkSection section;
        section.z = z;
        for (int side = 0; side < 2; ++side) {
            const Side s = side ? Side::Left : Side::Right;
            SideSection& out = section.side[side];
            SectionShape shape;
            if (anatomy.jugularVein(z, s, shape)) {
                out.vein = true;
                out.veinX = shape.centreX; out.veinY = shape.centreY; out.veinRadius = NeckAnatomy::extentY(shape);
            }
            if (anatomy.carotidArtery(z, s, shape)) {
                out.artery = true;
                out.arteryX = shape.centreX; out.arteryY = shape.centreY; out.arteryRadius = shape.semiAxisU;
            }
            if (anatomy.sternocleidomastoid(z, s, shape)) {
                out.muscle = true;
                out.muscleBackY = shape.centreY + NeckAnatomy::extentY(shape);
                out.muscleX = shape.centreX;
            }
        }
        result.sections.push_back(section);
    }
    return result;
}

}  // namespace lnseg
