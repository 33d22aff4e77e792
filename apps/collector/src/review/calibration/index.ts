export { auc } from './auc.js';
export { calibrate, MIN_CLASS_EXAMPLES, MIN_PART_CLASS_EXAMPLES } from './calibrate.js';
export type {
  Calibration,
  CalibrationExample,
  CalibrationPart,
  CalibrationReport,
  Rate,
  SignalReport,
  Verdict,
} from './calibration.js';
export { L2_PENALTY } from './logisticRegression.js';
export { FIT_FRACTION } from './timeSplit.js';
export { AUC_MARGIN, NULL_DEVIATIONS } from './verdictOf.js';
