<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ImageImport</name>
    <message numerus="yes">
        <source>#%1 %2 (%3, %n images)</source>
        <translation>
            <numerusform>n° %1 %2 (%3, %n image)</numerusform>
            <numerusform>n° %1 %2 (%3, %n images)</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1...</source>
        <translation>Importation de %1...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Opening study</source>
        <translation>Ouverture de l’examen</translation>
    </message>
    <message>
        <source>Scanning %1...</source>
        <translation>Analyse de %1...</translation>
    </message>
    <message>
        <source>Choose a series</source>
        <translation>Choisir une série</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n image series:</source>
        <translation>
            <numerusform>%1 contient %n série d’images :</numerusform>
            <numerusform>%1 contient %n séries d’images :</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NodeLabels</name>
    <message>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <source>left</source>
        <translation>gauche</translation>
    </message>
    <message>
        <source>right</source>
        <translation>droite</translation>
    </message>
    <message>
        <source>midline</source>
        <translation>ligne médiane</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Proposé</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepté</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejeté</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Up/Down, Left/Right, wheel</source>
        <translation>Haut/Bas, Gauche/Droite, molette</translation>
    </message>
    <message>
        <source>Previous/next slice (in the view under focus)</source>
        <translation>Coupe précédente/suivante (dans la vue active)</translation>
    </message>
    <message>
        <source>PageUp/PageDown</source>
        <translation>Page préc./Page suiv.</translation>
    </message>
    <message>
        <source>10 slices</source>
        <translation>10 coupes</translation>
    </message>
    <message>
        <source>Reset zoom and pan of the focused view (3D: reset camera)</source>
        <translation>Réinitialiser le zoom et le déplacement de la vue active (3D : réinitialiser la caméra)</translation>
    </message>
    <message>
        <source>Ctrl+wheel, right drag / middle drag</source>
        <translation>Ctrl+molette, glisser avec le bouton droit / du milieu</translation>
    </message>
    <message>
        <source>Zoom / pan</source>
        <translation>Zoom / déplacement</translation>
    </message>
    <message>
        <source>Shift+left drag</source>
        <translation>Maj+glisser avec le bouton gauche</translation>
    </message>
    <message>
        <source>Adjust window/level</source>
        <translation>Régler le fenêtrage</translation>
    </message>
    <message>
        <source>Abandon the contour being drawn</source>
        <translation>Abandonner le contour en cours</translation>
    </message>
</context>
<context>
    <name>WindowPresets</name>
    <message>
        <source>Soft tissue</source>
        <translation>Tissus mous</translation>
    </message>
    <message>
        <source>Mucosal</source>
        <translation>Muqueuses</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>Os</translation>
    </message>
    <message>
        <source>Lung</source>
        <translation>Poumon</translation>
    </message>
</context>
<context>
    <name>lnseg::MainWindow</name>
    <message numerus="yes">
        <source>Proposed nodes: %n, in %1 s on %2 (%3 already reviewed kept)</source>
        <translation>
            <numerusform>%n ganglion proposé en %1 s sur %2 (%3 déjà relus conservés)</numerusform>
            <numerusform>%n ganglions proposés en %1 s sur %2 (%3 déjà relus conservés)</numerusform>
        </translation>
    </message>
    <message>
        <source>Proposals not added: %1</source>
        <translation>Propositions non ajoutées : %1</translation>
    </message>
    <message>
        <source>Propose nodes failed: %1</source>
        <translation>Échec de la proposition de ganglions : %1</translation>
    </message>
    <message>
        <source>Propose nodes</source>
        <translation>Proposer des ganglions</translation>
    </message>
    <message>
        <source>The model could not run:
%1</source>
        <translation>Le modèle n’a pas pu être exécuté :
%1</translation>
    </message>
    <message>
        <source>Propose nodes cancelled</source>
        <translation>Proposition de ganglions annulée</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Ganglions</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;ouvert&gt;</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>Historique des modifications</translation>
    </message>
    <message>
        <source>Editing tools</source>
        <translation>Outils d’édition</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>Naviguer</translation>
    </message>
    <message>
        <source>Click to move the crosshair</source>
        <translation>Cliquer pour déplacer le réticule</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinceau</translation>
    </message>
    <message>
        <source>Paint the current node (a new node when none)</source>
        <translation>Peindre le ganglion courant (un nouveau ganglion s’il n’y en a pas)</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Gomme</translation>
    </message>
    <message>
        <source>Erase the current node</source>
        <translation>Effacer le ganglion courant</translation>
    </message>
    <message>
        <source>Contour</source>
        <translation>Contourage</translation>
    </message>
    <message>
        <source>Click corners and double-click, or drag a freehand outline: fills it with the current node</source>
        <translation>Cliquer les sommets puis double-cliquer, ou tracer un contour à main levée : le remplit avec le ganglion courant</translation>
    </message>
    <message>
        <source> Size </source>
        <translation> Taille </translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>Brush and eraser radius ([ smaller, ] larger)</source>
        <translation>Rayon du pinceau et de la gomme ([ plus petit, ] plus grand)</translation>
    </message>
    <message>
        <source>Smaller brush</source>
        <translation>Pinceau plus petit</translation>
    </message>
    <message>
        <source>Larger brush</source>
        <translation>Pinceau plus grand</translation>
    </message>
    <message>
        <source>New node</source>
        <translation>Nouveau ganglion</translation>
    </message>
    <message>
        <source>Fill between slices</source>
        <translation>Remplir entre les coupes</translation>
    </message>
    <message>
        <source>Merge...</source>
        <translation>Fusionner...</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Scinder</translation>
    </message>
    <message>
        <source>Delete node</source>
        <translation>Supprimer le ganglion</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Open image or session...</source>
        <translation>&amp;Ouvrir une image ou une session...</translation>
    </message>
    <message>
        <source>Open &amp;DICOM folder...</source>
        <translation>Ouvrir un dossier &amp;DICOM...</translation>
    </message>
    <message>
        <source>Open de&amp;mo study</source>
        <translation>Ouvrir l’examen de dé&amp;monstration</translation>
    </message>
    <message>
        <source>Demo study</source>
        <translation>Examen de démonstration</translation>
    </message>
    <message>
        <source>Open &amp;label map...</source>
        <translation>Ouvrir une carte de &amp;labels...</translation>
    </message>
    <message>
        <source>&amp;Save review</source>
        <translation>&amp;Enregistrer la relecture</translation>
    </message>
    <message>
        <source>Save review &amp;as...</source>
        <translation>Enregistrer la relecture &amp;sous...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Édition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>Set reviewer &amp;name...</source>
        <translation>Définir le &amp;nom du relecteur...</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Relecteur</translation>
    </message>
    <message>
        <source>Your name, recorded on every change:</source>
        <translation>Votre nom, enregistré à chaque modification :</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>1 x 3 slices</source>
        <translation>1 x 3 coupes</translation>
    </message>
    <message>
        <source>2 x 2 with 3D</source>
        <translation>2 x 2 avec 3D</translation>
    </message>
    <message>
        <source>Axial only</source>
        <translation>Axiale seule</translation>
    </message>
    <message>
        <source>Coronal only</source>
        <translation>Coronale seule</translation>
    </message>
    <message>
        <source>Sagittal only</source>
        <translation>Sagittale seule</translation>
    </message>
    <message>
        <source>3D only</source>
        <translation>3D seule</translation>
    </message>
    <message>
        <source>Show &amp;bone in 3D</source>
        <translation>Afficher les &amp;os en 3D</translation>
    </message>
    <message>
        <source>&amp;Reset zoom and camera</source>
        <translation>&amp;Réinitialiser le zoom et la caméra</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>Fe&amp;nêtrage</translation>
    </message>
    <message>
        <source>%1 (W%2 L%3)</source>
        <translation>%1 (L%2 N%3)</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>&amp;Segmentation</translation>
    </message>
    <message>
        <source>&amp;Show label overlay</source>
        <translation>&amp;Afficher la superposition</translation>
    </message>
    <message>
        <source>Out&amp;line only</source>
        <translation>&amp;Contour seulement</translation>
    </message>
    <message>
        <source>Opacity %1%</source>
        <translation>Opacité %1%</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>The new language is used the next time lnseg-review starts.</source>
        <translation>La nouvelle langue sera utilisée au prochain démarrage de lnseg-review.</translation>
    </message>
    <message>
        <source>No model: choose one with Review &gt; Choose model</source>
        <translation>Aucun modèle : en choisir un avec Relecture &gt; Choisir le modèle</translation>
    </message>
    <message>
        <source>Proposing nodes with %1 ...</source>
        <translation>Proposition de ganglions avec %1 ...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Relecture</translation>
    </message>
    <message>
        <source>Choose &amp;model...</source>
        <translation>Choisir le &amp;modèle...</translation>
    </message>
    <message>
        <source>Model for Propose nodes</source>
        <translation>Modèle pour la proposition de ganglions</translation>
    </message>
    <message>
        <source>lnseg models (*.lnsegmodel);;All files (*)</source>
        <translation>Modèles lnseg (*.lnsegmodel);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Next unreviewed node</source>
        <translation>Ganglion non relu &amp;suivant</translation>
    </message>
    <message>
        <source>&amp;Previous unreviewed node</source>
        <translation>Ganglion non relu &amp;précédent</translation>
    </message>
    <message>
        <source>&amp;Accept node</source>
        <translation>&amp;Accepter le ganglion</translation>
    </message>
    <message>
        <source>Re&amp;ject node</source>
        <translation>&amp;Rejeter le ganglion</translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation>&amp;Niveau</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Niveau %1</translation>
    </message>
    <message>
        <source>&amp;Side</source>
        <translation>&amp;Côté</translation>
    </message>
    <message>
        <source>import cancelled</source>
        <translation>importation annulée</translation>
    </message>
    <message>
        <source>%1: the image it reviews (%2) is not there</source>
        <translation>%1 : l’image relue (%2) est introuvable</translation>
    </message>
    <message>
        <source>Generating the demo study (a synthetic neck CT)...</source>
        <translation>Génération de l’examen de démonstration (un scanner cervical synthétique)...</translation>
    </message>
    <message>
        <source>The demo study has not been generated yet. Run `lnseg demo` to create it (or set LNSEG_DEMO_DIR); looked in: %1</source>
        <translation>L’examen de démonstration n’a pas encore été généré. Lancez `lnseg demo` pour le créer (ou définissez LNSEG_DEMO_DIR) ; recherché dans : %1</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>démo</translation>
    </message>
    <message>
        <source>No study</source>
        <translation>Aucun examen</translation>
    </message>
    <message>
        <source>Open a study first.</source>
        <translation>Ouvrez d’abord un examen.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <source>Save review</source>
        <translation>Enregistrer la relecture</translation>
    </message>
    <message>
        <source>Review sessions (*.review.json)</source>
        <translation>Sessions de relecture (*.review.json)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Enregistrement impossible</translation>
    </message>
    <message>
        <source>The review was not saved (an earlier save is intact):
%1</source>
        <translation>La relecture n’a pas été enregistrée (l’enregistrement précédent est intact) :
%1</translation>
    </message>
    <message>
        <source>Your name, recorded with every change you make (asked once):</source>
        <translation>Votre nom, enregistré avec chacune de vos modifications (demandé une seule fois) :</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Échec de l’enregistrement automatique : %1</translation>
    </message>
    <message>
        <source>Autosaved to %1</source>
        <translation>Enregistré automatiquement dans %1</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>The review of %1 has unsaved changes. Save them?</source>
        <translation>La relecture de %1 contient des modifications non enregistrées. Les enregistrer ?</translation>
    </message>
    <message>
        <source>lnseg review - %1[*]</source>
        <translation>Relecture lnseg - %1[*]</translation>
    </message>
    <message>
        <source>lnseg review</source>
        <translation>Relecture lnseg</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n reviewed</source>
        <translation>
            <numerusform>%1 sur %n relu</numerusform>
            <numerusform>%1 sur %n relus</numerusform>
        </translation>
    </message>
    <message>
        <source>Every node is reviewed</source>
        <translation>Tous les ganglions sont relus</translation>
    </message>
    <message>
        <source>Node %1 created: paint it with the brush or draw a contour</source>
        <translation>Ganglion %1 créé : peignez-le au pinceau ou tracez un contour</translation>
    </message>
    <message>
        <source>%1 (level %2, %3)</source>
        <translation>%1 (niveau %2, %3)</translation>
    </message>
    <message>
        <source>Merge nodes</source>
        <translation>Fusionner des ganglions</translation>
    </message>
    <message>
        <source>Merge into node %1 the node:</source>
        <translation>Fusionner dans le ganglion %1 le ganglion :</translation>
    </message>
    <message numerus="yes">
        <source>Node %1 split into %n parts</source>
        <translation>
            <numerusform>Ganglion %1 scindé en %n partie</numerusform>
            <numerusform>Ganglion %1 scindé en %n parties</numerusform>
        </translation>
    </message>
    <message>
        <source>Node %1 is one connected part</source>
        <translation>Le ganglion %1 est d’un seul tenant</translation>
    </message>
    <message>
        <source>Open CT image or review</source>
        <translation>Ouvrir une image TDM ou une relecture</translation>
    </message>
    <message>
        <source>Images and reviews (*.nii *.nii.gz *.nrrd *.mha *.mhd *.dcm *.review.json);;All files (*)</source>
        <translation>Images et relectures (*.nii *.nii.gz *.nrrd *.mha *.mhd *.dcm *.review.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>Ouverture impossible</translation>
    </message>
    <message>
        <source>Open DICOM folder</source>
        <translation>Ouvrir un dossier DICOM</translation>
    </message>
    <message>
        <source>Cannot open DICOM folder</source>
        <translation>Impossible d’ouvrir le dossier DICOM</translation>
    </message>
    <message>
        <source>Open label map</source>
        <translation>Ouvrir une carte de labels</translation>
    </message>
    <message>
        <source>Images (*.nii *.nii.gz *.nrrd *.seg.nrrd *.mha *.mhd)</source>
        <translation>Images (*.nii *.nii.gz *.nrrd *.seg.nrrd *.mha *.mhd)</translation>
    </message>
    <message>
        <source>Cannot open label map</source>
        <translation>Impossible d’ouvrir la carte de labels</translation>
    </message>
    <message>
        <source>LPS (%1, %2, %3) mm   voxel [%4, %5, %6]   %7 HU</source>
        <translation>LPS (%1, %2, %3) mm   voxel [%4, %5, %6]   %7 UH</translation>
    </message>
    <message>
        <source>   node %1</source>
        <translation>   ganglion %1</translation>
    </message>
    <message>
        <source>Pr&amp;opose nodes</source>
        <translation>Pr&amp;oposer des ganglions</translation>
    </message>
    <message>
        <source>&amp;Back to proposed</source>
        <translation>Re&amp;venir à proposé</translation>
    </message>
</context>
<context>
    <name>lnseg::NodeTableModel</name>
    <message>
        <source>empty</source>
        <translation>vide</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuel</translation>
    </message>
    <message>
        <source>Enlarged: short axis %1 mm &gt;= %2 mm (criterion for level %3)</source>
        <translation>Augmenté : petit axe %1 mm &gt;= %2 mm (critère du niveau %3)</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>non attribué</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Côté</translation>
    </message>
    <message>
        <source>Long (mm)</source>
        <translation>Grand axe (mm)</translation>
    </message>
    <message>
        <source>Short (mm)</source>
        <translation>Petit axe (mm)</translation>
    </message>
    <message>
        <source>Volume (mm³)</source>
        <translation>Volume (mm³)</translation>
    </message>
    <message>
        <source>Slices</source>
        <translation>Coupes</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Confiance</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Modifié par</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Date</translation>
    </message>
</context>
<context>
    <name>lnseg::ReviewDocument</name>
    <message>
        <source>Erase node %1</source>
        <translation>Effacer le ganglion %1</translation>
    </message>
    <message>
        <source>Paint node %1</source>
        <translation>Peindre le ganglion %1</translation>
    </message>
    <message>
        <source>Fill contour of node %1</source>
        <translation>Remplir le contour du ganglion %1</translation>
    </message>
    <message>
        <source>Fill between slices of node %1</source>
        <translation>Remplir le ganglion %1 entre les coupes</translation>
    </message>
    <message>
        <source>New node %1</source>
        <translation>Nouveau ganglion %1</translation>
    </message>
    <message>
        <source>Delete node %1</source>
        <translation>Supprimer le ganglion %1</translation>
    </message>
    <message>
        <source>Merge node %1 into %2</source>
        <translation>Fusionner le ganglion %1 dans %2</translation>
    </message>
    <message>
        <source>Split node %1</source>
        <translation>Scinder le ganglion %1</translation>
    </message>
    <message>
        <source>Set level of node %1 to %2</source>
        <translation>Niveau du ganglion %1 : %2</translation>
    </message>
    <message>
        <source>Set side of node %1 to %2</source>
        <translation>Côté du ganglion %1 : %2</translation>
    </message>
    <message>
        <source>Accept node %1</source>
        <translation>Accepter le ganglion %1</translation>
    </message>
    <message>
        <source>Reject node %1</source>
        <translation>Rejeter le ganglion %1</translation>
    </message>
    <message>
        <source>Set status of node %1</source>
        <translation>Statut du ganglion %1</translation>
    </message>
    <message numerus="yes">
        <source>Add proposals from %1 (%n)</source>
        <translation>
            <numerusform>Ajouter %n proposition de %1</numerusform>
            <numerusform>Ajouter %n propositions de %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>lnseg::SliceView</name>
    <message>
        <source>No image</source>
        <translation>Aucune image</translation>
    </message>
    <message>
        <source>Axial</source>
        <translation>Axiale</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>Coronale</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>Sagittale</translation>
    </message>
    <message>
        <source>W %1  L %2</source>
        <translation>L %1  N %2</translation>
    </message>
    <message>
        <source>  (labels hidden)</source>
        <translation>  (labels masqués)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Restore unsaved review?</source>
        <translation>Restaurer la relecture non enregistrée ?</translation>
    </message>
    <message>
        <source>lnseg-review did not close normally. An autosave of unsaved changes was found:
%1

Restore it?</source>
        <translation>lnseg-review ne s’est pas fermé normalement. Un enregistrement automatique de modifications non enregistrées a été trouvé :
%1

Le restaurer ?</translation>
    </message>
    <message>
        <source>Demo study</source>
        <translation>Examen de démonstration</translation>
    </message>
</context>
</TS>
