package dev.polydl.common;

/**
 * The two datasets of the transfer task: the features are pretrained on {@code source} and the head is then
 * trained on {@code target}, each with its own train/test split.
 */
public record TransferData(TrainTestSplit source, TrainTestSplit target) {

    /** The first class of the digit split's target. */
    public static final int FIRST_TARGET_CLASS = 5;

    /**
     * One dataset split in two problems by class: digits 0–4 are the source, digits 5–9 (relabelled 0–4) the
     * target. Both keep the stratified split they came from.
     */
    public static TransferData byClass(TrainTestSplit data) {
        int last = ImageDataset.CLASSES - 1;
        return new TransferData(
                new TrainTestSplit(data.train().classes(0, FIRST_TARGET_CLASS - 1), data.test().classes(0, FIRST_TARGET_CLASS - 1)),
                new TrainTestSplit(data.train().classes(FIRST_TARGET_CLASS, last), data.test().classes(FIRST_TARGET_CLASS, last)));
    }
}
