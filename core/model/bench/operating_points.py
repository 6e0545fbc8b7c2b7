#!/usr/bin/env python3
"""Operating points of a model from saved probability maps (no network runs).

    operating_points.py PROB_DIR REF_DIR OUT_DIR [--thresholds 0.3,0.5,...] [--long-axes 5,...]

(also --z-extents: minimum z extents in mm.) PROB_DIR holds CASE_prob.nii.gz (from `lnseg segment --prob`), REF_DIR the phantoms
(CASE_image.nii.gz, CASE_labels.nii.gz, CASE_nodes.json). For each threshold / minimum long axis
it extracts the nodes with `lnseg segment --from-prob`, evaluates them with `lnseg evaluate
--json`, and prints one table row: Dice, nodes >= 5 mm found, false positives per volume.
Choose the operating point on a validation set, then report it on the held-out set.
"""
import argparse, glob, json, os, subprocess, sys

parser = argparse.ArgumentParser()
parser.add_argument("prob"), parser.add_argument("ref"), parser.add_argument("out")
parser.add_argument("--thresholds", default="0.3,0.4,0.5,0.6,0.7,0.8")
parser.add_argument("--long-axes", default="5")
parser.add_argument("--z-extents", default="0", help="minimum z extents (mm) to try")
parser.add_argument("--lnseg", default=os.path.join(os.path.dirname(__file__), "../../../build/app/lnseg"))
args = parser.parse_args()

maps = sorted(glob.glob(os.path.join(args.prob, "*_prob.nii.gz")))
if not maps:
    sys.exit(f"no *_prob.nii.gz in {args.prob}")
print("| threshold | min long axis (mm) | min z extent (mm) | Dice | IoU | nodes >= 5 mm found | all nodes found | FP / volume |")
print("|---|---|---|---|---|---|---|---|")
settings = [(t, la, z) for z in [float(x) for x in args.z_extents.split(",")]
            for la in [float(x) for x in args.long_axes.split(",")] for t in [float(x) for x in args.thresholds.split(",")]]
for threshold, long_axis, z_extent in settings:
        folder = os.path.join(args.out, f"t{threshold:g}_la{long_axis:g}_z{z_extent:g}")
        os.makedirs(folder, exist_ok=True)
        for path in maps:
            case = os.path.basename(path)[: -len("_prob.nii.gz")]
            subprocess.run([args.lnseg, "segment", os.path.join(args.ref, case + "_image.nii.gz"), "--from-prob", path,
                            "--out", os.path.join(folder, case + "_labels.nii.gz"), "--threshold", str(threshold),
                            "--min-long-axis", str(long_axis), "--min-z-extent", str(z_extent)], check=True, stdout=subprocess.DEVNULL)
        result = subprocess.run([args.lnseg, "evaluate", "--pred", folder, "--ref", args.ref, "--json"], check=True,
                                capture_output=True, text=True)
        metrics = json.loads(result.stdout)
        with open(os.path.join(folder, "evaluation.json"), "w") as file:
            file.write(result.stdout)
        size = metrics["by_size"]
        large = [size[k] for k in ("5-10mm", ">=10mm") if k in size]
        found = sum(s["detected"] for s in large)
        total = sum(s["nodes"] for s in large)
        detection = metrics["detection"]
        print(f"| {threshold:g} | {long_axis:g} | {z_extent:g} | {metrics['mean_dice']:.3f} | {metrics['mean_iou']:.3f} | "
              f"{found}/{total} ({found / max(total, 1):.2f}) | {detection['detected']}/{detection['nodes']} | "
              f"{metrics['false_positives_per_volume']:.1f} |", flush=True)
