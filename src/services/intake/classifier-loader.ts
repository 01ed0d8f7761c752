/**
 * Reads a trained model file into something that predicts, through the
 * classifier's own loader (src/nlp/classifier.ts, which checks the file and
 * throws MODEL_NOT_FOUND / MODEL_INVALID with the reason).
 */
import { isAppError } from '../../domain/errors.js';
import { loadModel } from '../../nlp/classifier.js';
import type { CategoryPredictor, ModelLoader } from './category-model.js';

export const loadClassifierModel: ModelLoader = async (path) => {
  try {
    const model = await loadModel(path);
    const predictor: CategoryPredictor = { predict: (text) => model.predict(text) };
    return predictor;
  } catch (err) {
    // The loader's AppError names the file and the reason; keep its English text for the log line.
    throw isAppError(err) ? new Error(err.message_('en')) : err;
  }
};
