#pragma once
// Training progress and results travel in queued signals between the training thread and the
// interface: declared once here, before any header that uses them in a signal.

#include "model/Training.h"

#include <QMetaType>

Q_DECLARE_METATYPE(lnseg::model::TrainingProgress)
Q_DECLARE_METATYPE(lnseg::model::TrainingResult)
Q_DECLARE_METATYPE(lnseg::model::TrainingOptions)
