package dev.framewise.app.task;

import dev.framewise.app.viewmodel.StillImages;
import dev.framewise.engine.media.RgbImage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FrameLoaderTest {

    /** StillImages' 10 fps video, recording which frames were decoded; the first decode waits for a signal. */
    private static final class RecordingSource extends StillImages.OneKeyFrameVideo {
        final List<Long> decoded = new CopyOnWriteArrayList<>();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        RecordingSource() {
            super(Path.of("clip.mp4"));
        }

        @Override
        public RgbImage frameAt(long index) {
            if (decoded.isEmpty()) {
                firstStarted.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            decoded.add(index);
            return super.frameAt(index);
        }
    }

    @Test
    void onlyTheLatestWaitingRequestIsDecodedAndRepeatsComeFromTheCache() throws Exception {
        RecordingSource source = new RecordingSource();
        ExecutorService background = Executors.newSingleThreadExecutor();
        List<FrameLoader.Frame> shown = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        FrameLoader loader = new FrameLoader(Path.of("clip.mp4"), p -> source, background, Runnable::run, shown::add, errors::add);

        loader.request(1.0);
        assertThat(source.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        loader.request(2.0);
        loader.request(3.0);
        loader.request(4.0);
        source.release.countDown();
        for (int i = 0; i < 500 && shown.size() < 2; i++) Thread.sleep(10);
        loader.request(1.0);
        background.shutdown();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(source.decoded).doesNotContain(20L, 30L).startsWith(10L, 40L).hasSize(2);
        assertThat(shown).extracting(FrameLoader.Frame::index).startsWith(10L, 40L).endsWith(10L);
        assertThat(shown.get(1).seconds()).isEqualTo(4.0);
        assertThat(errors).isEmpty();
        loader.close();
    }
}
