<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ImageImport</name>
    <message numerus="yes">
        <source>#%1 %2 (%3, %n images)</source>
        <translation>
            <numerusform>#%1 %2 (%3, %n Bild)</numerusform>
            <numerusform>#%1 %2 (%3, %n Bilder)</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing %1...</source>
        <translation>%1 wird importiert...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Opening study</source>
        <translation>Studie wird geöffnet</translation>
    </message>
    <message>
        <source>Scanning %1...</source>
        <translation>%1 wird durchsucht...</translation>
    </message>
    <message>
        <source>Choose a series</source>
        <translation>Serie wählen</translation>
    </message>
    <message numerus="yes">
        <source>%1 holds %n image series:</source>
        <translation>
            <numerusform>%1 enthält %n Bildserie:</numerusform>
            <numerusform>%1 enthält %n Bildserien:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LandmarkOverlay</name>
    <message>
        <source>skull base</source>
        <translation>Schädelbasis</translation>
    </message>
    <message>
        <source>mandible</source>
        <translation>Unterkiefer</translation>
    </message>
    <message>
        <source>hyoid</source>
        <translation>Zungenbein</translation>
    </message>
    <message>
        <source>cricoid</source>
        <translation>Ringknorpel</translation>
    </message>
    <message>
        <source>manubrium</source>
        <translation>Manubrium</translation>
    </message>
    <message>
        <source>IJV</source>
        <translation>VJI</translation>
    </message>
    <message>
        <source>CA</source>
        <translation>A. carotis</translation>
    </message>
    <message>
        <source>SCM</source>
        <translation>SCM</translation>
    </message>
    <message>
        <source>SMG</source>
        <translation>Gl. subm.</translation>
    </message>
    <message>
        <source>midline</source>
        <translation>Mittellinie</translation>
    </message>
</context>
<context>
    <name>Landmarks</name>
    <message>
        <source>skull base</source>
        <translation>Schädelbasis</translation>
    </message>
    <message>
        <source>mandible</source>
        <translation>Unterkiefer</translation>
    </message>
    <message>
        <source>hyoid bone</source>
        <translation>Zungenbein</translation>
    </message>
    <message>
        <source>cricoid cartilage</source>
        <translation>Ringknorpel</translation>
    </message>
    <message>
        <source>manubrium and clavicles</source>
        <translation>Manubrium und Schlüsselbeine</translation>
    </message>
    <message>
        <source>right submandibular gland</source>
        <translation>rechte Glandula submandibularis</translation>
    </message>
    <message>
        <source>left submandibular gland</source>
        <translation>linke Glandula submandibularis</translation>
    </message>
    <message>
        <source>submandibular gland</source>
        <translation>Glandula submandibularis</translation>
    </message>
    <message>
        <source>digastric muscles</source>
        <translation>Mm. digastrici</translation>
    </message>
    <message>
        <source>carotid arteries and jugular veins</source>
        <translation>Karotiden und Jugularvenen</translation>
    </message>
    <message>
        <source>carotid arteries</source>
        <translation>Karotiden</translation>
    </message>
    <message>
        <source>internal jugular vein</source>
        <translation>V. jugularis interna</translation>
    </message>
    <message>
        <source>sternocleidomastoid</source>
        <translation>M. sternocleidomastoideus</translation>
    </message>
    <message>
        <source>sternocleidomastoid muscles</source>
        <translation>Mm. sternocleidomastoidei</translation>
    </message>
</context>
<context>
    <name>NodeLabels</name>
    <message>
        <source>other</source>
        <translation>andere</translation>
    </message>
    <message>
        <source>left</source>
        <translation>links</translation>
    </message>
    <message>
        <source>right</source>
        <translation>rechts</translation>
    </message>
    <message>
        <source>midline</source>
        <translation>Mittellinie</translation>
    </message>
    <message>
        <source>Proposed</source>
        <translation>Vorgeschlagen</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Akzeptiert</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>Bearbeitet</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <source>Suggested from the scan&apos;s landmarks, not yet confirmed (confidence %1)</source>
        <translation>Aus den Landmarken des Scans vorgeschlagen, noch nicht bestätigt (Konfidenz %1)</translation>
    </message>
    <message>
        <source>Suggested from the scan&apos;s landmarks and confirmed (confidence %1)</source>
        <translation>Aus den Landmarken des Scans vorgeschlagen und bestätigt (Konfidenz %1)</translation>
    </message>
    <message>
        <source>Set by the reader</source>
        <translation>Vom Befunder festgelegt</translation>
    </message>
    <message>
        <source>(the landmarks suggested %1)</source>
        <translation>(die Landmarken schlugen %1 vor)</translation>
    </message>
    <message>
        <source>Uncertain between %1 and %2</source>
        <translation>Unsicher zwischen %1 und %2</translation>
    </message>
    <message>
        <source>Landmarks not found: %1</source>
        <translation>Nicht gefundene Landmarken: %1</translation>
    </message>
    <message>
        <source>Enter confirms it; choosing another level or side replaces it.</source>
        <translation>Eingabetaste bestätigt; ein anderes Level oder eine andere Seite ersetzt den Vorschlag.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Up/Down, Left/Right, wheel</source>
        <translation>Auf/Ab, Links/Rechts, Mausrad</translation>
    </message>
    <message>
        <source>Previous/next slice (in the view under focus)</source>
        <translation>Vorige/nächste Schicht (in der aktiven Ansicht)</translation>
    </message>
    <message>
        <source>PageUp/PageDown</source>
        <translation>Bild auf/Bild ab</translation>
    </message>
    <message>
        <source>10 slices</source>
        <translation>10 Schichten</translation>
    </message>
    <message>
        <source>Reset zoom and pan of the focused view (3D: reset camera)</source>
        <translation>Zoom und Verschiebung der aktiven Ansicht zurücksetzen (3D: Kamera zurücksetzen)</translation>
    </message>
    <message>
        <source>Ctrl+wheel, right drag / middle drag</source>
        <translation>Strg+Mausrad, Ziehen mit rechter / mittlerer Maustaste</translation>
    </message>
    <message>
        <source>Zoom / pan</source>
        <translation>Zoomen / Verschieben</translation>
    </message>
    <message>
        <source>Shift+left drag</source>
        <translation>Umschalt+Ziehen mit linker Maustaste</translation>
    </message>
    <message>
        <source>Adjust window/level</source>
        <translation>Fensterung anpassen</translation>
    </message>
    <message>
        <source>Abandon the contour being drawn</source>
        <translation>Begonnene Kontur verwerfen</translation>
    </message>
</context>
<context>
    <name>WindowPresets</name>
    <message>
        <source>Soft tissue</source>
        <translation>Weichteile</translation>
    </message>
    <message>
        <source>Mucosal</source>
        <translation>Schleimhaut</translation>
    </message>
    <message>
        <source>Bone</source>
        <translation>Knochen</translation>
    </message>
    <message>
        <source>Lung</source>
        <translation>Lunge</translation>
    </message>
</context>
<context>
    <name>lnseg::AboutDialog</name>
    <message>
        <source>About lnseg</source>
        <translation>Über lnseg</translation>
    </message>
    <message>
        <source>Proposals: %1, %2 slice(s) per forward pass
</source>
        <translation>Vorschläge: %1, %2 Schicht(en) pro Vorwärtsdurchlauf
</translation>
    </message>
    <message>
        <source>&lt;h3&gt;lnseg %1&lt;/h3&gt;&lt;p&gt;Cervical lymph node review workstation. Node proposals by the spatial context network (SNet).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;lnseg %1&lt;/h3&gt;&lt;p&gt;Befundungsarbeitsplatz für zervikale Lymphknoten. Knotenvorschläge durch das Spatial Context Network (SNet).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Segmentation engine&lt;/b&gt;</source>
        <translation>&lt;b&gt;Segmentierungs-Engine&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&amp;Copy engine report</source>
        <translation>Engine-Bericht &amp;kopieren</translation>
    </message>
</context>
<context>
    <name>lnseg::AssumedGeometryBanner</name>
    <message>
        <source>Measurements use assumed geometry:</source>
        <translation>Messungen beruhen auf angenommener Geometrie:</translation>
    </message>
</context>
<context>
    <name>lnseg::ExportDialog</name>
    <message>
        <source>Export project</source>
        <translation>Projekt exportieren</translation>
    </message>
    <message>
        <source>NIfTI: images, instance label maps, node lists</source>
        <translation>NIfTI: Bilder, Instanz-Labelmaps, Knotenlisten</translation>
    </message>
    <message>
        <source>nnU-Net v2 raw dataset</source>
        <translation>nnU-Net-v2-Rohdatensatz</translation>
    </message>
    <message>
        <source>DICOM SEG (with the CT series it references)</source>
        <translation>DICOM SEG (mit der referenzierten CT-Serie)</translation>
    </message>
    <message>
        <source>Node report (CSV and JSON)</source>
        <translation>Knotenbericht (CSV und JSON)</translation>
    </message>
    <message>
        <source>a new, empty folder</source>
        <translation>ein neuer, leerer Ordner</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>Durch&amp;suchen...</translation>
    </message>
    <message>
        <source>Export into</source>
        <translation>Exportieren nach</translation>
    </message>
    <message>
        <source>&amp;De-identify (patient attributes, dates and UIDs replaced; the pseudonym mapping is written beside the folder, not inside it)</source>
        <translation>&amp;Pseudonymisieren (Patientenattribute, Datumsangaben und UIDs ersetzt; die Pseudonym-Zuordnung wird neben den Ordner geschrieben, nicht hinein)</translation>
    </message>
    <message>
        <source>Include cases that are &amp;reviewed but not yet approved</source>
        <translation>Auch &amp;befundete, noch nicht freigegebene Fälle einschließen</translation>
    </message>
    <message>
        <source>nnU-Net: one label class per nodal &amp;level</source>
        <translation>nnU-Net: eine Labelklasse pro Lymphknoten&amp;level</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>F&amp;older:</source>
        <translation>&amp;Ordner:</translation>
    </message>
</context>
<context>
    <name>lnseg::MainWindow</name>
    <message numerus="yes">
        <source>Proposed nodes: %n, in %1 s on %2 (%3 already reviewed kept)</source>
        <translation>
            <numerusform>%n Knoten vorgeschlagen in %1 s auf %2 (%3 bereits befundete beibehalten)</numerusform>
            <numerusform>%n Knoten vorgeschlagen in %1 s auf %2 (%3 bereits befundete beibehalten)</numerusform>
        </translation>
    </message>
    <message>
        <source>Proposals not added: %1</source>
        <translation>Vorschläge nicht übernommen: %1</translation>
    </message>
    <message>
        <source>Propose nodes failed: %1</source>
        <translation>Knotenvorschlag fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Propose nodes</source>
        <translation>Knoten vorschlagen</translation>
    </message>
    <message>
        <source>The model could not run:
%1</source>
        <translation>Das Modell konnte nicht ausgeführt werden:
%1</translation>
    </message>
    <message>
        <source>Propose nodes cancelled</source>
        <translation>Knotenvorschlag abgebrochen</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Lymphknoten</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;geöffnet&gt;</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>Bearbeitungsverlauf</translation>
    </message>
    <message>
        <source>Editing tools</source>
        <translation>Bearbeitungswerkzeuge</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>Navigieren</translation>
    </message>
    <message>
        <source>Click to move the crosshair</source>
        <translation>Klicken, um das Fadenkreuz zu setzen</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pinsel</translation>
    </message>
    <message>
        <source>Paint the current node (a new node when none)</source>
        <translation>Den aktuellen Knoten malen (ein neuer Knoten, wenn keiner gewählt ist)</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Radierer</translation>
    </message>
    <message>
        <source>Erase the current node</source>
        <translation>Den aktuellen Knoten radieren</translation>
    </message>
    <message>
        <source>Contour</source>
        <translation>Kontur</translation>
    </message>
    <message>
        <source>Click corners and double-click, or drag a freehand outline: fills it with the current node</source>
        <translation>Ecken anklicken und doppelklicken oder einen Umriss freihand ziehen: füllt ihn mit dem aktuellen Knoten</translation>
    </message>
    <message>
        <source> Size </source>
        <translation> Größe </translation>
    </message>
    <message>
        <source> mm</source>
        <translation> mm</translation>
    </message>
    <message>
        <source>Brush and eraser radius ([ smaller, ] larger)</source>
        <translation>Radius von Pinsel und Radierer ([ kleiner, ] größer)</translation>
    </message>
    <message>
        <source>Smaller brush</source>
        <translation>Kleinerer Pinsel</translation>
    </message>
    <message>
        <source>Larger brush</source>
        <translation>Größerer Pinsel</translation>
    </message>
    <message>
        <source>New node</source>
        <translation>Neuer Knoten</translation>
    </message>
    <message>
        <source>Fill between slices</source>
        <translation>Zwischen Schichten füllen</translation>
    </message>
    <message>
        <source>Merge...</source>
        <translation>Zusammenführen...</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilen</translation>
    </message>
    <message>
        <source>Delete node</source>
        <translation>Knoten löschen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open image or session...</source>
        <translation>Bild oder Sitzung ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Open &amp;DICOM folder...</source>
        <translation>&amp;DICOM-Ordner öffnen...</translation>
    </message>
    <message>
        <source>Open de&amp;mo study</source>
        <translation>De&amp;mo-Studie öffnen</translation>
    </message>
    <message>
        <source>Demo study</source>
        <translation>Demo-Studie</translation>
    </message>
    <message>
        <source>Open &amp;label map...</source>
        <translation>&amp;Labelmap öffnen...</translation>
    </message>
    <message>
        <source>&amp;Save review</source>
        <translation>Befundung &amp;speichern</translation>
    </message>
    <message>
        <source>Save review &amp;as...</source>
        <translation>Befundung speichern &amp;unter...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>Set reviewer &amp;name...</source>
        <translation>&amp;Namen des Befunders festlegen...</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Befunder</translation>
    </message>
    <message>
        <source>Your name, recorded on every change:</source>
        <translation>Ihr Name, der bei jeder Änderung vermerkt wird:</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>1 x 3 slices</source>
        <translation>1 x 3 Schichten</translation>
    </message>
    <message>
        <source>2 x 2 with 3D</source>
        <translation>2 x 2 mit 3D</translation>
    </message>
    <message>
        <source>Axial only</source>
        <translation>Nur axial</translation>
    </message>
    <message>
        <source>Coronal only</source>
        <translation>Nur koronal</translation>
    </message>
    <message>
        <source>Sagittal only</source>
        <translation>Nur sagittal</translation>
    </message>
    <message>
        <source>3D only</source>
        <translation>Nur 3D</translation>
    </message>
    <message>
        <source>Show &amp;bone in 3D</source>
        <translation>&amp;Knochen in 3D zeigen</translation>
    </message>
    <message>
        <source>&amp;Reset zoom and camera</source>
        <translation>&amp;Zoom und Kamera zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>Fe&amp;nsterung</translation>
    </message>
    <message>
        <source>%1 (W%2 L%3)</source>
        <translation>%1 (W%2 L%3)</translation>
    </message>
    <message>
        <source>&amp;Labels</source>
        <translation>&amp;Segmentierung</translation>
    </message>
    <message>
        <source>&amp;Show label overlay</source>
        <translation>Überlagerung &amp;anzeigen</translation>
    </message>
    <message>
        <source>Out&amp;line only</source>
        <translation>Nur &amp;Umriss</translation>
    </message>
    <message>
        <source>Opacity %1%</source>
        <translation>Deckkraft %1%</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemeinstellung</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language is used the next time lnseg-review starts.</source>
        <translation>Die neue Sprache wird beim nächsten Start von lnseg-review verwendet.</translation>
    </message>
    <message>
        <source>No model: choose one with Review &gt; Choose model</source>
        <translation>Kein Modell: eines unter Befundung &gt; Modell wählen auswählen</translation>
    </message>
    <message>
        <source>Proposing nodes with %1 ...</source>
        <translation>Knoten werden mit %1 vorgeschlagen ...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>Be&amp;fundung</translation>
    </message>
    <message>
        <source>Choose &amp;model...</source>
        <translation>&amp;Modell wählen...</translation>
    </message>
    <message>
        <source>Model for Propose nodes</source>
        <translation>Modell für Knotenvorschlag</translation>
    </message>
    <message>
        <source>lnseg models (*.lnsegmodel);;All files (*)</source>
        <translation>lnseg-Modelle (*.lnsegmodel);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Next unreviewed node</source>
        <translation>&amp;Nächster unbefundeter Knoten</translation>
    </message>
    <message>
        <source>&amp;Previous unreviewed node</source>
        <translation>V&amp;origer unbefundeter Knoten</translation>
    </message>
    <message>
        <source>&amp;Accept node</source>
        <translation>Knoten &amp;akzeptieren</translation>
    </message>
    <message>
        <source>Re&amp;ject node</source>
        <translation>Knoten a&amp;blehnen</translation>
    </message>
    <message>
        <source>&amp;Level</source>
        <translation>&amp;Lymphknotenlevel</translation>
    </message>
    <message>
        <source>Level %1</source>
        <translation>Level %1</translation>
    </message>
    <message>
        <source>&amp;Side</source>
        <translation>&amp;Seite</translation>
    </message>
    <message>
        <source>import cancelled</source>
        <translation>Import abgebrochen</translation>
    </message>
    <message>
        <source>%1: the image it reviews (%2) is not there</source>
        <translation>%1: Das befundete Bild (%2) ist nicht vorhanden</translation>
    </message>
    <message>
        <source>Generating the demo study (a synthetic neck CT)...</source>
        <translation>Die Demo-Studie (ein synthetisches Hals-CT) wird erzeugt...</translation>
    </message>
    <message>
        <source>The demo study has not been generated yet. Run `lnseg demo` to create it (or set LNSEG_DEMO_DIR); looked in: %1</source>
        <translation>Die Demo-Studie wurde noch nicht erzeugt. Mit `lnseg demo` erzeugen (oder LNSEG_DEMO_DIR setzen); gesucht in: %1</translation>
    </message>
    <message>
        <source>demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>No study</source>
        <translation>Keine Studie</translation>
    </message>
    <message>
        <source>Open a study first.</source>
        <translation>Bitte zuerst eine Studie öffnen.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Save review</source>
        <translation>Befundung speichern</translation>
    </message>
    <message>
        <source>Review sessions (*.review.json)</source>
        <translation>Befundungssitzungen (*.review.json)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <source>The review was not saved (an earlier save is intact):
%1</source>
        <translation>Die Befundung wurde nicht gespeichert (ein früherer Speicherstand ist unversehrt):
%1</translation>
    </message>
    <message>
        <source>Your name, recorded with every change you make (asked once):</source>
        <translation>Ihr Name, der bei jeder Ihrer Änderungen vermerkt wird (einmalige Abfrage):</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Autosaved to %1</source>
        <translation>Automatisch gespeichert in %1</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The review of %1 has unsaved changes. Save them?</source>
        <translation>Die Befundung von %1 enthält ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>lnseg review - %1[*]</source>
        <translation>lnseg-Befundung - %1[*]</translation>
    </message>
    <message>
        <source>lnseg review</source>
        <translation>lnseg-Befundung</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n reviewed</source>
        <translation>
            <numerusform>%1 von %n befundet</numerusform>
            <numerusform>%1 von %n befundet</numerusform>
        </translation>
    </message>
    <message>
        <source>Every node is reviewed</source>
        <translation>Alle Knoten sind befundet</translation>
    </message>
    <message>
        <source>Node %1 created: paint it with the brush or draw a contour</source>
        <translation>Knoten %1 angelegt: mit dem Pinsel malen oder eine Kontur zeichnen</translation>
    </message>
    <message>
        <source>%1 (level %2, %3)</source>
        <translation>%1 (Level %2, %3)</translation>
    </message>
    <message>
        <source>Merge nodes</source>
        <translation>Knoten zusammenführen</translation>
    </message>
    <message>
        <source>Merge into node %1 the node:</source>
        <translation>In Knoten %1 folgenden Knoten aufnehmen:</translation>
    </message>
    <message numerus="yes">
        <source>Node %1 split into %n parts</source>
        <translation>
            <numerusform>Knoten %1 in %n Teil aufgeteilt</numerusform>
            <numerusform>Knoten %1 in %n Teile aufgeteilt</numerusform>
        </translation>
    </message>
    <message>
        <source>Node %1 is one connected part</source>
        <translation>Knoten %1 ist ein zusammenhängender Teil</translation>
    </message>
    <message>
        <source>Open CT image or review</source>
        <translation>CT-Bild oder Befundung öffnen</translation>
    </message>
    <message>
        <source>Images and reviews (*.nii *.nii.gz *.nrrd *.mha *.mhd *.dcm *.review.json);;All files (*)</source>
        <translation>Bilder und Befundungen (*.nii *.nii.gz *.nrrd *.mha *.mhd *.dcm *.review.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>Öffnen nicht möglich</translation>
    </message>
    <message>
        <source>Open DICOM folder</source>
        <translation>DICOM-Ordner öffnen</translation>
    </message>
    <message>
        <source>Cannot open DICOM folder</source>
        <translation>DICOM-Ordner kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Open label map</source>
        <translation>Labelmap öffnen</translation>
    </message>
    <message>
        <source>Images (*.nii *.nii.gz *.nrrd *.seg.nrrd *.mha *.mhd)</source>
        <translation>Bilder (*.nii *.nii.gz *.nrrd *.seg.nrrd *.mha *.mhd)</translation>
    </message>
    <message>
        <source>Cannot open label map</source>
        <translation>Labelmap kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>LPS (%1, %2, %3) mm   voxel [%4, %5, %6]   %7 HU</source>
        <translation>LPS (%1, %2, %3) mm   Voxel [%4, %5, %6]   %7 HE</translation>
    </message>
    <message>
        <source>   node %1</source>
        <translation>   Knoten %1</translation>
    </message>
    <message>
        <source>Pr&amp;opose nodes</source>
        <translation>Knoten &amp;vorschlagen</translation>
    </message>
    <message>
        <source>&amp;Back to proposed</source>
        <translation>&amp;Zurück auf vorgeschlagen</translation>
    </message>
    <message>
        <source>Open p&amp;roject...</source>
        <translation>P&amp;rojekt öffnen...</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>This case is open read-only (%1).</source>
        <translation>Dieser Fall ist schreibgeschützt geöffnet (%1).</translation>
    </message>
    <message>
        <source>lnseg review - %1 (%2)[*]</source>
        <translation>lnseg-Befundung - %1 (%2)[*]</translation>
    </message>
    <message>
        <source>&amp;About lnseg</source>
        <translation>&amp;Über lnseg</translation>
    </message>
    <message numerus="yes">
        <source>Imported with %n warning(s): %1</source>
        <translation>
            <numerusform>Mit %n Warnung importiert: %1</numerusform>
            <numerusform>Mit %n Warnungen importiert: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Level landmarks not found: %1</source>
        <translation>Landmarken für die Level nicht gefunden: %1</translation>
    </message>
    <message>
        <source>Show level lan&amp;dmarks</source>
        <translation>Level-&amp;Landmarken zeigen</translation>
    </message>
    <message>
        <source>The landmarks the level suggestions were made from: heights in the coronal and sagittal views, vessels, muscles and midline on the axial slice</source>
        <translation>Die Landmarken, aus denen die Level vorgeschlagen werden: Höhen in der koronalen und sagittalen Ansicht, Gefäße, Muskeln und Mittellinie in der axialen Schicht</translation>
    </message>
    <message>
        <source>&amp;Confirm level</source>
        <translation>Level bes&amp;tätigen</translation>
    </message>
    <message>
        <source>Take the suggested level and side of the current node (Enter)</source>
        <translation>Vorgeschlagenes Level und Seite des aktuellen Knotens übernehmen (Eingabetaste)</translation>
    </message>
    <message>
        <source>Su&amp;ggest levels</source>
        <translation>Levels vorschla&amp;gen</translation>
    </message>
    <message>
        <source>Suggest the level and side of every node whose level no reader set, from the scan&apos;s landmarks</source>
        <translation>Level und Seite jedes Knotens, dessen Level kein Befunder festgelegt hat, aus den Landmarken des Scans vorschlagen</translation>
    </message>
    <message>
        <source>Finding the landmarks for the level suggestions...</source>
        <translation>Landmarken für die Levelvorschläge werden gesucht...</translation>
    </message>
    <message numerus="yes">
        <source>Levels suggested for %n node(s)</source>
        <translation>
            <numerusform>Level für %n Knoten vorgeschlagen</numerusform>
            <numerusform>Level für %n Knoten vorgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Level landmarks found in %1 s</source>
        <translation>Landmarken für die Level in %1 s gefunden</translation>
    </message>
    <message>
        <source>Level landmarks found in %1 s; not found: %2</source>
        <translation>Landmarken für die Level in %1 s gefunden; nicht gefunden: %2</translation>
    </message>
</context>
<context>
    <name>lnseg::ModelListPanel</name>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>Architektur</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Vorgänger</translation>
    </message>
    <message>
        <source>Data version</source>
        <translation>Datenversion</translation>
    </message>
    <message>
        <source>Validation Dice</source>
        <translation>Dice (Validierung)</translation>
    </message>
    <message>
        <source>Test Dice</source>
        <translation>Dice (Test)</translation>
    </message>
    <message>
        <source>&amp;Use for proposals</source>
        <translation>&amp;Für Vorschläge verwenden</translation>
    </message>
    <message>
        <source>&amp;Roll back</source>
        <translation>&amp;Vorheriges wiederherstellen</translation>
    </message>
    <message>
        <source>Make the selected model the one that proposes nodes</source>
        <translation>Das gewählte Modell für die Knotenvorschläge verwenden</translation>
    </message>
    <message>
        <source>Re-activate the model that was active before the current one</source>
        <translation>Das vor dem aktuellen aktive Modell wieder aktivieren</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Trained on %1 cases, validated on %2; settings: %3</source>
        <translation>Trainiert mit %1 Fällen, validiert mit %2; Einstellungen: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s); none active: proposals use the built-in default model.</source>
        <translation>
            <numerusform>%n Modell; keines aktiv: Vorschläge verwenden das mitgelieferte Standardmodell.</numerusform>
            <numerusform>%n Modelle; keines aktiv: Vorschläge verwenden das mitgelieferte Standardmodell.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n model(s); active: %1</source>
        <translation>
            <numerusform>%n Modell; aktiv: %1</numerusform>
            <numerusform>%n Modelle; aktiv: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>The model registry could not be read: %1</source>
        <translation>Das Modellverzeichnis konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Select a model first.</source>
        <translation>Bitte zuerst ein Modell auswählen.</translation>
    </message>
</context>
<context>
    <name>lnseg::NodeTableModel</name>
    <message>
        <source>empty</source>
        <translation>leer</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>Enlarged: short axis %1 mm &gt;= %2 mm (criterion for level %3)</source>
        <translation>Vergrößert: kurze Achse %1 mm &gt;= %2 mm (Kriterium für Level %3)</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>nicht zugeordnet</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Long (mm)</source>
        <translation>Lang (mm)</translation>
    </message>
    <message>
        <source>Short (mm)</source>
        <translation>Kurz (mm)</translation>
    </message>
    <message>
        <source>Volume (mm³)</source>
        <translation>Volumen (mm³)</translation>
    </message>
    <message>
        <source>Slices</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Confidence</source>
        <translation>Konfidenz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Geändert von</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
</context>
<context>
    <name>lnseg::ProjectBrowser</name>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Befundet</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Freigegeben</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Zurückgegeben</translation>
    </message>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source> (stale)</source>
        <translation> (verwaist)</translation>
    </message>
    <message>
        <source>unreadable lock</source>
        <translation>unlesbare Sperre</translation>
    </message>
    <message>
        <source>No project open.</source>
        <translation>Kein Projekt geöffnet.</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>Alle Fälle</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>Unbefundet</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>Warten auf Freigabe</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Öffnen</translation>
    </message>
    <message>
        <source>Open &amp;next</source>
        <translation>&amp;Nächsten öffnen</translation>
    </message>
    <message>
        <source>&amp;Mark reviewed</source>
        <translation>Als &amp;befundet markieren</translation>
    </message>
    <message>
        <source>A&amp;pprove</source>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <source>Re&amp;turn...</source>
        <translation>Zu&amp;rückgeben...</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Open the selected case for review</source>
        <translation>Den gewählten Fall zur Befundung öffnen</translation>
    </message>
    <message>
        <source>Open the next case waiting for review</source>
        <translation>Den nächsten Fall öffnen, der auf Befundung wartet</translation>
    </message>
    <message>
        <source>Approve the reviewed case (study lead)</source>
        <translation>Den befundeten Fall freigeben (Studienleitung)</translation>
    </message>
    <message>
        <source>Return the reviewed case with a comment (study lead)</source>
        <translation>Den befundeten Fall mit einem Kommentar zurückgeben (Studienleitung)</translation>
    </message>
    <message>
        <source>Review state</source>
        <translation>Befundungsstatus</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>The project could not be re-read: %1</source>
        <translation>Das Projekt konnte nicht neu gelesen werden: %1</translation>
    </message>
    <message>
        <source>
No case is waiting for review.</source>
        <translation>
Kein Fall wartet auf Befundung.</translation>
    </message>
    <message>
        <source>Select a case first.</source>
        <translation>Bitte zuerst einen Fall auswählen.</translation>
    </message>
    <message>
        <source>Return case</source>
        <translation>Fall zurückgeben</translation>
    </message>
    <message>
        <source>What should the reviewer look at again?</source>
        <translation>Was soll der Befunder noch einmal ansehen?</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt; — %n case(s), data version %2&lt;br&gt;%3</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n Fall, Datenversion %2&lt;br&gt;%3</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n Fälle, Datenversion %2&lt;br&gt;%3</numerusform>
        </translation>
    </message>
    <message>
        <source>E&amp;xport...</source>
        <translation>E&amp;xportieren...</translation>
    </message>
    <message>
        <source>Export the approved cases (NIfTI, nnU-Net, DICOM SEG, report)</source>
        <translation>Die freigegebenen Fälle exportieren (NIfTI, nnU-Net, DICOM SEG, Bericht)</translation>
    </message>
</context>
<context>
    <name>lnseg::ProjectCaseTableModel</name>
    <message>
        <source>%1: %2 by %3%4
</source>
        <translation>%1: %2 von %3%4
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
        <translation>Fall</translation>
    </message>
    <message>
        <source>Patient</source>
        <translation>Patient</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Unreviewed</source>
        <translation>Unbefundet</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Zugewiesen an</translation>
    </message>
    <message>
        <source>Last edited by</source>
        <translation>Zuletzt bearbeitet von</translation>
    </message>
    <message>
        <source>Open by</source>
        <translation>Geöffnet von</translation>
    </message>
</context>
<context>
    <name>lnseg::ProjectWorkspace</name>
    <message>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>Fall öffnen</translation>
    </message>
    <message>
        <source>Case opened read-only</source>
        <translation>Fall schreibgeschützt geöffnet</translation>
    </message>
    <message>
        <source>%1 is being edited by %2. It is open read-only; your changes cannot be saved.</source>
        <translation>%1 wird von %2 bearbeitet. Der Fall ist schreibgeschützt geöffnet; Ihre Änderungen können nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Open a project first.</source>
        <translation>Bitte zuerst ein Projekt öffnen.</translation>
    </message>
    <message>
        <source>Project: %1</source>
        <translation>Projekt: %1</translation>
    </message>
    <message>
        <source>%1 on %2 since %3%4</source>
        <translation>%1 auf %2 seit %3%4</translation>
    </message>
    <message>
        <source> (stale: can be taken over)</source>
        <translation> (verwaist: kann übernommen werden)</translation>
    </message>
    <message>
        <source>read-only, held by %1</source>
        <translation>schreibgeschützt, gesperrt von %1</translation>
    </message>
    <message>
        <source>the lock could not be taken over</source>
        <translation>die Sperre konnte nicht übernommen werden</translation>
    </message>
    <message>
        <source>The project could not be updated: %1</source>
        <translation>Das Projekt konnte nicht aktualisiert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n case(s) to %1.</source>
        <translation>
            <numerusform>%n Fall nach %1 exportiert.</numerusform>
            <numerusform>%n Fälle nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <source> Not de-identified.</source>
        <translation> Nicht pseudonymisiert.</translation>
    </message>
    <message>
        <source> The pseudonym mapping (keep it private) is %1.</source>
        <translation> Die Pseudonym-Zuordnung (vertraulich aufbewahren) ist %1.</translation>
    </message>
    <message>
        <source>Export project</source>
        <translation>Projekt exportieren</translation>
    </message>
    <message>
        <source>Choose a folder to export into.</source>
        <translation>Bitte einen Zielordner für den Export wählen.</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Nichts wurde exportiert: %1</translation>
    </message>
    <message>
        <source>The new model is registered in the project (Models tab).</source>
        <translation>Das neue Modell ist im Projekt registriert (Reiter Modelle).</translation>
    </message>
    <message>
        <source>%1 was left open by %2, whose session seems to have ended. Take the case over and edit it?</source>
        <translation>%1 wurde von %2 offen gelassen, dessen Sitzung offenbar beendet ist. Den Fall übernehmen und bearbeiten?</translation>
    </message>
    <message>
        <source>An export is running; wait until it is done.</source>
        <translation>Ein Export läuft; bitte warten, bis er abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Exporting the project...</source>
        <translation>Das Projekt wird exportiert...</translation>
    </message>
</context>
<context>
    <name>lnseg::ReviewDocument</name>
    <message>
        <source>Erase node %1</source>
        <translation>Knoten %1 radieren</translation>
    </message>
    <message>
        <source>Paint node %1</source>
        <translation>Knoten %1 malen</translation>
    </message>
    <message>
        <source>Fill contour of node %1</source>
        <translation>Kontur von Knoten %1 füllen</translation>
    </message>
    <message>
        <source>Fill between slices of node %1</source>
        <translation>Knoten %1 zwischen Schichten füllen</translation>
    </message>
    <message>
        <source>New node %1</source>
        <translation>Neuer Knoten %1</translation>
    </message>
    <message>
        <source>Delete node %1</source>
        <translation>Knoten %1 löschen</translation>
    </message>
    <message>
        <source>Merge node %1 into %2</source>
        <translation>Knoten %1 mit %2 zusammenführen</translation>
    </message>
    <message>
        <source>Split node %1</source>
        <translation>Knoten %1 aufteilen</translation>
    </message>
    <message>
        <source>Set level of node %1 to %2</source>
        <translation>Level von Knoten %1 auf %2 setzen</translation>
    </message>
    <message>
        <source>Set side of node %1 to %2</source>
        <translation>Seite von Knoten %1 auf %2 setzen</translation>
    </message>
    <message>
        <source>Accept node %1</source>
        <translation>Knoten %1 akzeptieren</translation>
    </message>
    <message>
        <source>Reject node %1</source>
        <translation>Knoten %1 ablehnen</translation>
    </message>
    <message>
        <source>Set status of node %1</source>
        <translation>Status von Knoten %1 setzen</translation>
    </message>
    <message numerus="yes">
        <source>Add proposals from %1 (%n)</source>
        <translation>
            <numerusform>%n Vorschlag von %1 hinzufügen</numerusform>
            <numerusform>%n Vorschläge von %1 hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Suggest levels of %n node(s)</source>
        <translation>
            <numerusform>Ebene von %n Knoten vorschlagen</numerusform>
            <numerusform>Ebenen von %n Knoten vorschlagen</numerusform>
        </translation>
    </message>
    <message>
        <source>Confirm level %2 of node %1</source>
        <translation>Ebene %2 von Knoten %1 bestätigen</translation>
    </message>
</context>
<context>
    <name>lnseg::SliceView</name>
    <message>
        <source>No image</source>
        <translation>Kein Bild</translation>
    </message>
    <message>
        <source>Axial</source>
        <translation>Axial</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>Koronal</translation>
    </message>
    <message>
        <source>Sagittal</source>
        <translation>Sagittal</translation>
    </message>
    <message>
        <source>W %1  L %2</source>
        <translation>W %1  L %2</translation>
    </message>
    <message>
        <source>  (labels hidden)</source>
        <translation>  (Labels ausgeblendet)</translation>
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
        <translation>SNet 2,5D (15 Schichten)</translation>
    </message>
    <message>
        <source>SNet 3D (96³ patches)</source>
        <translation>SNet 3D (96³-Patches)</translation>
    </message>
    <message>
        <source>Attention U-Net 2D</source>
        <translation>Attention U-Net 2D</translation>
    </message>
    <message>
        <source>Attention U-Net 2.5D (15 slices)</source>
        <translation>Attention U-Net 2,5D (15 Schichten)</translation>
    </message>
    <message>
        <source>paper default</source>
        <translation>Standard der Publikation</translation>
    </message>
    <message>
        <source>Adam learning rate; empty: the paper&apos;s (5e-5 for 2D/2.5D, 1e-4 for 3D)</source>
        <translation>Adam-Lernrate; leer: die der Publikation (5e-5 für 2D/2,5D, 1e-4 für 3D)</translation>
    </message>
    <message>
        <source>Automatic (GPU when available)</source>
        <translation>Automatisch (GPU, falls vorhanden)</translation>
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
        <translation>alle Kerne bis auf einen</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <source>S&amp;teps per epoch:</source>
        <translation>Schri&amp;tte pro Epoche:</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Lernrate:</translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation>&amp;Batchgröße:</translation>
    </message>
    <message>
        <source>&amp;Device:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>CPU t&amp;hreads:</source>
        <translation>CPU-T&amp;hreads:</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>&amp;Resume from last checkpoint</source>
        <translation>Vom letzten Checkpoint &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Not running.</source>
        <translation>Läuft nicht.</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Validation Dice</source>
        <translation>Dice (Validierung)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Dice</source>
        <translation>Dice</translation>
    </message>
    <message numerus="yes">
        <source>Finished: %n epoch(s), validation Dice %1, %2 training slices/s on %3, %4.</source>
        <translation>
            <numerusform>Fertig: %n Epoche, Dice (Validierung) %1, %2 Trainingsschichten/s auf %3, %4.</numerusform>
            <numerusform>Fertig: %n Epochen, Dice (Validierung) %1, %2 Trainingsschichten/s auf %3, %4.</numerusform>
        </translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled (no checkpoint yet).</source>
        <translation>Abgebrochen (noch kein Checkpoint).</translation>
    </message>
    <message>
        <source>Cancelled. The last checkpoint can be resumed: %1</source>
        <translation>Abgebrochen. Der letzte Checkpoint kann fortgesetzt werden: %1</translation>
    </message>
    <message>
        <source>There is no checkpoint to resume from.</source>
        <translation>Es gibt keinen Checkpoint zum Fortsetzen.</translation>
    </message>
    <message>
        <source>Open a project to train on its approved cases.</source>
        <translation>Ein Projekt öffnen, um mit seinen freigegebenen Fällen zu trainieren.</translation>
    </message>
    <message>
        <source>No training data.</source>
        <translation>Keine Trainingsdaten.</translation>
    </message>
    <message>
        <source>Preparing the training cases...</source>
        <translation>Trainingsfälle werden vorbereitet...</translation>
    </message>
    <message>
        <source>Resumed.</source>
        <translation>Fortgesetzt.</translation>
    </message>
    <message>
        <source>Paused after the current step. Training keeps its state in memory.</source>
        <translation>Nach dem aktuellen Schritt angehalten. Das Training behält seinen Zustand im Speicher.</translation>
    </message>
    <message>
        <source>Cancelling after the current step...</source>
        <translation>Abbruch nach dem aktuellen Schritt...</translation>
    </message>
    <message>
        <source>Epoch %1 of %2, step %3 of %4, loss %5, validation Dice %6, %7 left.</source>
        <translation>Epoche %1 von %2, Schritt %3 von %4, Verlust %5, Dice (Validierung) %6, noch %7.</translation>
    </message>
    <message>
        <source>&amp;Continue</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>by device</source>
        <translation>je nach Gerät</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Restore unsaved review?</source>
        <translation>Ungespeicherte Befundung wiederherstellen?</translation>
    </message>
    <message>
        <source>lnseg-review did not close normally. An autosave of unsaved changes was found:
%1

Restore it?</source>
        <translation>lnseg-review wurde nicht normal beendet. Eine automatische Sicherung ungespeicherter Änderungen wurde gefunden:
%1

Wiederherstellen?</translation>
    </message>
    <message>
        <source>Demo study</source>
        <translation>Demo-Studie</translation>
    </message>
</context>
</TS>
