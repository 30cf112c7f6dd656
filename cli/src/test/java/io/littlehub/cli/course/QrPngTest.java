package io.littlehub.cli.course;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG reads back, with ZXing's decoder, as the link it was made from. */
class QrPngTest {
    @Test
    void thePngDecodesToTheLink(@TempDir Path dir) throws Exception {
        String link = NbgitpullerLink.of(
                "http://203.0.113.7/",
                "https://github.com/teacher/notes",
                "main",
                "week1/intro.ipynb",
                NbgitpullerLink.App.LAB);
        Path png = dir.resolve("link.png");
        QrPng.write(link, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(QrPng.SIZE, image.getWidth());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        assertEquals(link, new QRCodeReader().decode(bitmap).getText());
    }
}
