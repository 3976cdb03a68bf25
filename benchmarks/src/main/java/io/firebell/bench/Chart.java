package io.firebell.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;

/**
 * Latency distributions as percentile curves (HdrHistogram style: the x axis spreads the tail, 0 %
 * … 99.99 %; the y axis is milliseconds, logarithmic), one line per distribution, as a PNG.
 */
public final class Chart {

  private static final int W = 1200;
  private static final int H = 560;
  private static final int LEFT = 80;
  private static final int RIGHT = 430;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;
  private static final double[] PERCENTILES = {0, 50, 75, 90, 95, 99, 99.9, 99.99};
  private static final Color[] COLORS = {
    new Color(0xd62728),
    new Color(0x1f77b4),
    new Color(0x2ca02c),
    new Color(0x9467bd),
    new Color(0xff7f0e),
    new Color(0x8c564b)
  };

  private Chart() {}

  public static void write(Map<String, Histogram> distributions, String title, Path png)
      throws IOException {
    BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(title, LEFT, 30);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

    double maxMs = 1;
    for (Histogram h : distributions.values()) {
      maxMs = Math.max(maxMs, h.getMaxValue() / 1000.0);
    }
    double logMin = Math.log10(0.1);
    double logMax = Math.ceil(Math.log10(maxMs * 1.2));
    int plotW = W - LEFT - RIGHT;
    int plotH = H - TOP - BOTTOM;

    // axes and grid
    g.setColor(new Color(0xdddddd));
    for (double decade = logMin; decade <= logMax; decade++) {
      int y = TOP + plotH - (int) ((decade - logMin) / (logMax - logMin) * plotH);
      g.drawLine(LEFT, y, LEFT + plotW, y);
      g.setColor(Color.DARK_GRAY);
      g.drawString(label(Math.pow(10, decade)), 10, y + 4);
      g.setColor(new Color(0xdddddd));
    }
    for (double p : PERCENTILES) {
      int x = LEFT + (int) (xOf(p) * plotW);
      g.drawLine(x, TOP, x, TOP + plotH);
      g.setColor(Color.DARK_GRAY);
      g.drawString(p + "%", x - 14, TOP + plotH + 18);
      g.setColor(new Color(0xdddddd));
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, plotW, plotH);
    g.drawString("percentile", LEFT + plotW / 2 - 30, H - 15);
    g.drawString("ms", 10, TOP - 8);

    int i = 0;
    g.setStroke(new BasicStroke(2f));
    for (Map.Entry<String, Histogram> e : distributions.entrySet()) {
      Color color = COLORS[i % COLORS.length];
      g.setColor(color);
      Histogram h = e.getValue();
      int prevX = -1;
      int prevY = -1;
      for (int step = 0; step <= 200; step++) {
        double x01 = step / 200.0;
        double p = percentileAt(x01);
        double ms = Math.max(0.1, h.getValueAtPercentile(p) / 1000.0);
        int x = LEFT + (int) (x01 * plotW);
        int y = TOP + plotH - (int) ((Math.log10(ms) - logMin) / (logMax - logMin) * plotH);
        if (prevX >= 0) {
          g.drawLine(prevX, prevY, x, y);
        }
        prevX = x;
        prevY = y;
      }
      int ly = TOP + 20 + i * 38;
      g.fillRect(W - RIGHT + 15, ly - 8, 14, 4);
      g.setColor(Color.BLACK);
      g.drawString(e.getKey(), W - RIGHT + 35, ly - 2);
      g.setColor(Color.DARK_GRAY);
      g.drawString(
          String.format(
              "p50 %s  p99 %s  n=%d",
              label(h.getValueAtPercentile(50) / 1000.0),
              label(h.getValueAtPercentile(99) / 1000.0),
              h.getTotalCount()),
          W - RIGHT + 35,
          ly + 12);
      i++;
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(image, "png", png.toFile());
  }

  /** x position (0..1) of a percentile: evenly spaced "nines". */
  private static double xOf(double percentile) {
    double nines = percentile >= 100 ? 4 : -Math.log10(1 - percentile / 100.0);
    return Math.min(1, nines / 4.0);
  }

  private static double percentileAt(double x01) {
    return 100 * (1 - Math.pow(10, -4 * x01));
  }

  private static String label(double ms) {
    if (ms >= 1000) {
      return String.format("%.1f s", ms / 1000);
    }
    if (ms >= 1) {
      return String.format("%.0f ms", ms);
    }
    return String.format("%.1f ms", ms);
  }
}
