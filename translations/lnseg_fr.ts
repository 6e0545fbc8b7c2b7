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
    <name>LandmarkOverlay</name>
    <message>
        <source>skull base</source>
        <translation>base du crâne</translation>
    </message>
    <message>
        <source>mandible</source>
        <translation>mandibule</translation>
    </message>
    <message>
        <source>hyoid</source>
        <translation>hyoïde</translation>
    </message>
    <message>
        <source>cricoid</source>
        <translation>cricoïde</translation>
    </message>
    <message>
        <source>manubrium</source>
        <translation>manubrium</translation>
    </message>
    <message>
        <source>IJV</source>
        <translation>VJI</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>ACa</translation>
    </message>
    <message>
        <source>SCM</source>
        <translation>SCM</translation>
    </message>
    <message>
        <source>SMG</source>
        <translation>GSM</translation>
    </message>
    <message>
        <source>midline</source>
        <translation>ligne médiane</translation>
    </message>
</context>
<context>
    <name>Landmarks</name>
    <message>
        <source>skull base</source>
        <translation>base du crâne</translation>
    </message>
    <message>
        <source>mandible</source>
        <translation>mandibule</translation>
    </message>
    <message>
        <source>hyoid bone</source>
        <translation>os hyoïde</translation>
    </message>
    <message>
        <source>cricoid cartilage</source>
        <translation>cartilage cricoïde</translation>
    </message>
    <message>
        <source>manubrium and clavicles</source>
        <translation>manubrium et clavicules</translation>
    </message>
    <message>
        <source>right submandibular gland</source>
        <translation>glande submandibulaire droite</translation>
    </message>
    <message>
        <source>left submandibular gland</source>
        <translation>glande submandibulaire gauche</translation>
    </message>
    <message>
        <source>submandibular gland</source>
        <translation>glande submandibulaire</translation>
    </message>
    <message>
        <source>digastric muscles</source>
        <translation>muscles digastriques</translation>
    </message>
    <message>
        <source>carotid arteries and jugular veins</source>
        <translation>artères carotides et veines jugulaires</translation>
    </message>
    <message>
        <source>carotid arteries</source>
        <translation>artères carotides</translation>
    </message>
    <message>
        <source>internal jugular vein</source>
        <translation>veine jugulaire interne</translation>
    </message>
    <message>
        <source>sternocleidomastoid</source>
        <translation>muscle sterno-cléido-mastoïdien</translation>
    </message>
    <message>
        <source>sternocleidomastoid muscles</source>
        <translation>muscles sterno-cléido-mastoïdiens</translation>
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
    <message>
        <source>Suggested from the scan&apos;s landmarks, not yet confirmed (confidence %1)</source>
        <translation>Suggéré à partir des repères anatomiques de l&apos;examen, pas encore confirmé (confiance %1)</translation>
    </message>
    <message>
        <source>Suggested from the scan&apos;s landmarks and confirmed (confidence %1)</source>
        <translation>Suggéré à partir des repères anatomiques de l&apos;examen et confirmé (confiance %1)</translation>
    </message>
    <message>
        <source>Set by the reader</source>
        <translation>Défini par le lecteur</translation>
    </message>
    <message>
        <source>(the landmarks suggested %1)</source>
        <translation>(les repères suggéraient %1)</translation>
    </message>
    <message>
        <source>Uncertain between %1 and %2</source>
        <translation>Incertain entre %1 et %2</translation>
    </message>
    <message>
        <source>Landmarks not found: %1</source>
        <translation>Repères non trouvés : %1</translation>
    </message>
    <message>
        <source>Enter confirms it; choosing another level or side replaces it.</source>
        <translation>Entrée le confirme ; choisir un autre niveau ou côté le remplace.</translation>
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
    <name>lnseg::AboutDialog</name>
    <message>
        <source>About lnseg</source>
        <translation>À propos de lnseg</translation>
    </message>
    <message>
        <source>Proposals: %1, %2 slice(s) per forward pass
</source>
        <translation>Propositions : %1, %2 coupe(s) par passe avant
</translation>
    </message>
    <message>
        <source>&lt;h3&gt;lnseg %1&lt;/h3&gt;&lt;p&gt;Cervical lymph node review workstation. Node proposals by the spatial context network (SNet).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;lnseg %1&lt;/h3&gt;&lt;p&gt;Poste de relecture des ganglions lymphatiques cervicaux. Propositions de ganglions par le réseau de contexte spatial (SNet).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Segmentation engine&lt;/b&gt;</source>
        <translation>&lt;b&gt;Moteur de segmentation&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Copy engine report</source>
        <translation>&amp;Copier le rapport du moteur</translation>
    </message>
</context>
<context>
    <name>lnseg::AssumedGeometryBanner</name>
    <message>
        <source>Measurements use assumed geometry:</source>
        <translation>Les mesures utilisent une géométrie supposée :</translation>
    </message>
</context>
<context>
    <name>lnseg::ExportDialog</name>
    <message>
        <source>Export project</source>
        <translation>Exporter le projet</translation>
    </message>
    <message>
        <source>NIfTI: images, instance label maps, node lists</source>
        <translation>NIfTI : images, cartes de labels par instance, listes de ganglions</translation>
    </message>
    <message>
        <source>nnU-Net v2 raw dataset</source>
        <translation>Jeu de données brut nnU-Net v2</translation>
    </message>
    <message>
        <source>DICOM SEG (with the CT series it references)</source>
        <translation>DICOM SEG (avec la série TDM référencée)</translation>
    </message>
    <message>
        <source>Node report (CSV and JSON)</source>
        <translation>Rapport des ganglions (CSV et JSON)</translation>
    </message>
    <message>
        <source>a new, empty folder</source>
        <translation>un nouveau dossier vide</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>&amp;Parcourir...</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>Exporter dans</translation>
    </message>
    <message>
        <source>&amp;De-identify (patient attributes, dates and UIDs replaced; the pseudonym mapping is written beside the folder, not inside it)</source>
        <translation>&amp;Désidentifier (attributs du patient, dates et UID remplacés ; la table des pseudonymes est écrite à côté du dossier, pas dedans)</translation>
    </message>
    <message>
        <source>Include cases that are &amp;reviewed but not yet approved</source>
        <translation>Inclure les cas &amp;relus mais pas encore approuvés</translation>
    </message>
    <message>
        <source>nnU-Net: one label class per nodal &amp;level</source>
        <translation>nnU-Net : une classe de label par &amp;niveau ganglionnaire</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format :</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>D&amp;ossier :</translation>
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
    <message>
        <source>Open p&amp;roject...</source>
        <translation>Ouvrir un p&amp;rojet...</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>This case is open read-only (%1).</source>
        <translation>Ce cas est ouvert en lecture seule (%1).</translation>
    </message>
    <message>
        <source>lnseg review - %1 (%2)[*]</source>
        <translation>Relecture lnseg - %1 (%2)[*]</translation>
    </message>
    <message>
        <source>&amp;About lnseg</source>
        <translation>&amp;À propos de lnseg</translation>
    </message>
    <message numerus="yes">
        <source>Imported with %n warning(s): %1</source>
        <translation>
            <numerusform>Importé avec %n avertissement : %1</numerusform>
            <numerusform>Importé avec %n avertissements : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Level landmarks not found: %1</source>
        <translation>Repères des niveaux non trouvés : %1</translation>
    </message>
    <message>
        <source>Show level lan&amp;dmarks</source>
        <translation>Afficher les repères &amp;anatomiques des niveaux</translation>
    </message>
    <message>
        <source>The landmarks the level suggestions were made from: heights in the coronal and sagittal views, vessels, muscles and midline on the axial slice</source>
        <translation>Les repères dont les niveaux sont suggérés : hauteurs dans les vues coronale et sagittale, vaisseaux, muscles et ligne médiane sur la coupe axiale</translation>
    </message>
    <message>
        <source>&amp;Confirm level</source>
        <translation>Con&amp;firmer le niveau</translation>
    </message>
    <message>
        <source>Take the suggested level and side of the current node (Enter)</source>
        <translation>Reprendre le niveau et le côté suggérés du ganglion courant (Entrée)</translation>
    </message>
    <message>
        <source>Su&amp;ggest levels</source>
        <translation>Su&amp;ggérer les niveaux</translation>
    </message>
    <message>
        <source>Suggest the level and side of every node whose level no reader set, from the scan&apos;s landmarks</source>
        <translation>Suggérer le niveau et le côté de chaque ganglion dont aucun lecteur n&apos;a fixé le niveau, à partir des repères de l&apos;examen</translation>
    </message>
    <message>
        <source>Finding the landmarks for the level suggestions...</source>
        <translation>Recherche des repères pour les niveaux suggérés...</translation>
    </message>
    <message numerus="yes">
        <source>Levels suggested for %n node(s)</source>
        <translation>
            <numerusform>Niveau suggéré pour %n ganglion</numerusform>
            <numerusform>Niveaux suggérés pour %n ganglions</numerusform>
        </translation>
    </message>
    <message>
        <source>Level landmarks found in %1 s</source>
        <translation>Repères des niveaux trouvés en %1 s</translation>
    </message>
    <message>
        <source>Level landmarks found in %1 s; not found: %2</source>
        <translation>Repères des niveaux trouvés en %1 s ; non trouvés : %2</translation>
    </message>
</context>
<context>
    <name>lnseg::ModelListPanel</name>
    <message>
        <source>No project open.</source>
        <translation>Aucun projet ouvert.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Actif</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architecture</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Auteur</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Parent</translation>
    </message>
    <message>
        <source>Data version</source>
        <translation>Version des données</translation>
    </message>
    <message>
        <source>Validation Dice</source>
        <translation>Dice (validation)</translation>
    </message>
    <message>
        <source>Test Dice</source>
        <translation>Dice (test)</translation>
    </message>
    <message>
        <source>&amp;Use for proposals</source>
        <translation>&amp;Utiliser pour les propositions</translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation>Revenir au &amp;précédent</translation>
    </message>
    <message>
        <source>Make the selected model the one that proposes nodes</source>
        <translation>Utiliser le modèle sélectionné pour proposer les ganglions</translation>
    </message>
    <message>
        <source>Re-activate the model that was active before the current one</source>
        <translation>Réactiver le modèle actif avant le modèle actuel</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Trained on %1 cases, validated on %2; settings: %3</source>
        <translation>Entraîné sur %1 cas, validé sur %2 ; paramètres : %3</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s); none active: proposals use the built-in default model.</source>
        <translation>
            <numerusform>%n modèle ; aucun actif : les propositions utilisent le modèle par défaut intégré.</numerusform>
            <numerusform>%n modèles ; aucun actif : les propositions utilisent le modèle par défaut intégré.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model(s); active: %1</source>
        <translation>
            <numerusform>%n modèle ; actif : %1</numerusform>
            <numerusform>%n modèles ; actif : %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The model registry could not be read: %1</source>
        <translation>Le registre des modèles n’a pas pu être lu : %1</translation>
    </message>
    <message>
        <source>Select a model first.</source>
        <translation>Sélectionnez d’abord un modèle.</translation>
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
    <name>lnseg::ProjectBrowser</name>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Relu</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Renvoyé</translation>
    </message>
    <message>
        <source>train</source>
        <translation>entraînement</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>test</source>
        <translation>test</translation>
    </message>
    <message>
        <source> (stale)</source>
        <translation> (périmé)</translation>
    </message>
    <message>
        <source>unreadable lock</source>
        <translation>verrou illisible</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Aucun projet ouvert.</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Tous les cas</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>Non relus</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Les miens</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>En attente d’approbation</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Open &amp;next</source>
        <translation>Ouvrir le &amp;suivant</translation>
    </message>
    <message>
        <source>&amp;Mark reviewed</source>
        <translation>&amp;Marquer comme relu</translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation>A&amp;pprouver</translation>
    </message>
    <message>
        <source>Re&amp;turn...</source>
        <translation>&amp;Renvoyer...</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualiser</translation>
    </message>
    <message>
        <source>Open the selected case for review</source>
        <translation>Ouvrir le cas sélectionné pour relecture</translation>
    </message>
    <message>
        <source>Open the next case waiting for review</source>
        <translation>Ouvrir le prochain cas en attente de relecture</translation>
    </message>
    <message>
        <source>Approve the reviewed case (study lead)</source>
        <translation>Approuver le cas relu (responsable d’étude)</translation>
    </message>
    <message>
        <source>Return the reviewed case with a comment (study lead)</source>
        <translation>Renvoyer le cas relu avec un commentaire (responsable d’étude)</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>État de relecture</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Afficher :</translation>
    </message>
    <message>
        <source>The project could not be re-read: %1</source>
        <translation>Le projet n’a pas pu être relu : %1</translation>
    </message>
    <message>
        <source>
No case is waiting for review.</source>
        <translation>
Aucun cas n’attend de relecture.</translation>
    </message>
    <message>
        <source>Select a case first.</source>
        <translation>Sélectionnez d’abord un cas.</translation>
    </message>
    <message>
        <source>Return case</source>
        <translation>Renvoyer le cas</translation>
    </message>
    <message>
        <source>What should the reviewer look at again?</source>
        <translation>Que doit revoir le relecteur ?</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %n case(s), data version %2&lt;br&gt;%3</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n cas, version des données %2&lt;br&gt;%3</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n cas, version des données %2&lt;br&gt;%3</numerusform>
        </translation>
    </message>
    <message>
        <source>E&amp;xport...</source>
        <translation>E&amp;xporter...</translation>
    </message>
    <message>
        <source>Export the approved cases (NIfTI, nnU-Net, DICOM SEG, report)</source>
        <translation>Exporter les cas approuvés (NIfTI, nnU-Net, DICOM SEG, rapport)</translation>
    </message>
</context>
<context>
    <name>lnseg::ProjectCaseTableModel</name>
    <message>
        <source>%1: %2 by %3%4
</source>
        <translation>%1 : %2 par %3%4
</translation>
    </message>
    <message>
        <source>%1 (%2)
%3</source>
        <translation>%1 (%2)
%3</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Cas</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Partition</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Ganglions</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>Non relus</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Attribué à</translation>
    </message>
    <message>
        <source>Last edited by</source>
        <translation>Dernière modification par</translation>
    </message>
    <message>
        <source>Open by</source>
        <translation>Ouvert par</translation>
    </message>
</context>
<context>
    <name>lnseg::ProjectWorkspace</name>
    <message>
        <source>Cases</source>
        <translation>Cas</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Entraînement</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projet</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Ouvrir le cas</translation>
    </message>
    <message>
        <source>Case opened read-only</source>
        <translation>Cas ouvert en lecture seule</translation>
    </message>
    <message>
        <source>%1 is being edited by %2. It is open read-only; your changes cannot be saved.</source>
        <translation>%1 est en cours de modification par %2. Il est ouvert en lecture seule ; vos modifications ne pourront pas être enregistrées.</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>Ouvrez d’abord un projet.</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Projet : %1</translation>
    </message>
    <message>
        <source>%1 on %2 since %3%4</source>
        <translation>%1 sur %2 depuis %3%4</translation>
    </message>
    <message>
        <source> (stale: can be taken over)</source>
        <translation> (périmé : peut être repris)</translation>
    </message>
    <message>
        <source>read-only, held by %1</source>
        <translation>lecture seule, verrouillé par %1</translation>
    </message>
    <message>
        <source>the lock could not be taken over</source>
        <translation>le verrou n’a pas pu être repris</translation>
    </message>
    <message>
        <source>The project could not be updated: %1</source>
        <translation>Le projet n’a pas pu être mis à jour : %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n case(s) to %1.</source>
        <translation>
            <numerusform>%n cas exporté dans %1.</numerusform>
            <numerusform>%n cas exportés dans %1.</numerusform>
        </translation>
    </message>
    <message>
        <source> Not de-identified.</source>
        <translation> Non désidentifié.</translation>
    </message>
    <message>
        <source> The pseudonym mapping (keep it private) is %1.</source>
        <translation> La table des pseudonymes (à garder confidentielle) est %1.</translation>
    </message>
    <message>
        <source>Export project</source>
        <translation>Exporter le projet</translation>
    </message>
    <message>
        <source>Choose a folder to export into.</source>
        <translation>Choisissez un dossier de destination pour l’export.</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Rien n’a été exporté : %1</translation>
    </message>
    <message>
        <source>The new model is registered in the project (Models tab).</source>
        <translation>Le nouveau modèle est enregistré dans le projet (onglet Modèles).</translation>
    </message>
    <message>
        <source>%1 was left open by %2, whose session seems to have ended. Take the case over and edit it?</source>
        <translation>%1 a été laissé ouvert par %2, dont la session semble terminée. Reprendre le cas et le modifier ?</translation>
    </message>
    <message>
        <source>An export is running; wait until it is done.</source>
        <translation>Une exportation est en cours ; attendez qu’elle soit terminée.</translation>
    </message>
    <message>
        <source>Exporting the project...</source>
        <translation>Exportation du projet...</translation>
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
    <message numerus="yes">
        <source>Suggest levels of %n node(s)</source>
        <translation>
            <numerusform>Suggérer le niveau de %n nœud</numerusform>
            <numerusform>Suggérer les niveaux de %n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm level %2 of node %1</source>
        <translation>Confirmer le niveau %2 du nœud %1</translation>
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
    <name>lnseg::TrainingPanel</name>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>SNet 2D</source>
        <translation>SNet 2D</translation>
    </message>
    <message>
        <source>SNet 2.5D (15 slices)</source>
        <translation>SNet 2,5D (15 coupes)</translation>
    </message>
    <message>
        <source>SNet 3D (96³ patches)</source>
        <translation>SNet 3D (blocs de 96³)</translation>
    </message>
    <message>
        <source>Attention U-Net 2D</source>
        <translation>Attention U-Net 2D</translation>
    </message>
    <message>
        <source>Attention U-Net 2.5D (15 slices)</source>
        <translation>Attention U-Net 2,5D (15 coupes)</translation>
    </message>
    <message>
        <source>paper default</source>
        <translation>valeur de l’article</translation>
    </message>
    <message>
        <source>Adam learning rate; empty: the paper&apos;s (5e-5 for 2D/2.5D, 1e-4 for 3D)</source>
        <translation>Taux d’apprentissage d’Adam ; vide : celui de l’article (5e-5 en 2D/2,5D, 1e-4 en 3D)</translation>
    </message>
    <message>
        <source>Automatic (GPU when available)</source>
        <translation>Automatique (GPU si disponible)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>GPU (CUDA)</source>
        <translation>GPU (CUDA)</translation>
    </message>
    <message>
        <source>all but one core</source>
        <translation>tous les cœurs sauf un</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modèle :</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Époques :</translation>
    </message>
    <message>
        <source>S&amp;teps per epoch:</source>
        <translation>&amp;Itérations par époque :</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Taux d’apprentissage :</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>Taille de &amp;lot :</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Unité de calcul :</translation>
    </message>
    <message>
        <source>CPU t&amp;hreads:</source>
        <translation>T&amp;hreads CPU :</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>Démarrer l’&amp;entraînement</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>Mettre en &amp;pause</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Resume from last checkpoint</source>
        <translation>&amp;Reprendre au dernier point de contrôle</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>À l’arrêt.</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Perte d’entraînement</translation>
    </message>
    <message>
        <source>Validation Dice</source>
        <translation>Dice (validation)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Itération</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>Dice</source>
        <translation>Dice</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n epoch(s), validation Dice %1, %2 training slices/s on %3, %4.</source>
        <translation>
            <numerusform>Terminé : %n époque, Dice (validation) %1, %2 coupes d’entraînement/s sur %3, %4.</numerusform>
            <numerusform>Terminé : %n époques, Dice (validation) %1, %2 coupes d’entraînement/s sur %3, %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Échec de l’entraînement : %1</translation>
    </message>
    <message>
        <source>Cancelled (no checkpoint yet).</source>
        <translation>Annulé (pas encore de point de contrôle).</translation>
    </message>
    <message>
        <source>Cancelled. The last checkpoint can be resumed: %1</source>
        <translation>Annulé. Le dernier point de contrôle peut être repris : %1</translation>
    </message>
    <message>
        <source>There is no checkpoint to resume from.</source>
        <translation>Aucun point de contrôle à partir duquel reprendre.</translation>
    </message>
    <message>
        <source>Open a project to train on its approved cases.</source>
        <translation>Ouvrez un projet pour entraîner sur ses cas approuvés.</translation>
    </message>
    <message>
        <source>No training data.</source>
        <translation>Aucune donnée d’entraînement.</translation>
    </message>
    <message>
        <source>Preparing the training cases...</source>
        <translation>Préparation des cas d’entraînement...</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Repris.</translation>
    </message>
    <message>
        <source>Paused after the current step. Training keeps its state in memory.</source>
        <translation>En pause après l’itération en cours. L’entraînement garde son état en mémoire.</translation>
    </message>
    <message>
        <source>Cancelling after the current step...</source>
        <translation>Annulation après l’itération en cours...</translation>
    </message>
    <message>
        <source>Epoch %1 of %2, step %3 of %4, loss %5, validation Dice %6, %7 left.</source>
        <translation>Époque %1 sur %2, itération %3 sur %4, perte %5, Dice (validation) %6, reste %7.</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Continuer</translation>
    </message>
    <message>
        <source>by device</source>
        <translation>selon l’appareil</translation>
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
