package io.github.jitprovisioning.it.benchmark;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the benchmark's ratios with their 95% intervals (Java2D, headless): one group per phase, one colour per
 * number of organizations; a filled dot for the latency ratio (median), a hollow square for server CPU per login.
 */
final class BenchmarkPlot {

    private static final int WIDTH = 1100;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 110;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728)};

    private BenchmarkPlot() {
    }

    static void write(Path file, List<FirstLoginBenchmark.Result> results) throws IOException {
        List<String> phases = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        double max = 1.2;
        double min = 0.8;
        for (FirstLoginBenchmark.Result r : results) {
            if (!phases.contains(r.phase())) {
                phases.add(r.phase());
            }
            if (!sizes.contains(r.size())) {
                sizes.add(r.size());
            }
            max = Math.max(max, Math.max(r.latency().high(), r.cpu().high()));
            min = Math.min(min, Math.min(r.latency().low(), r.cpu().low()));
        }
        max = Math.min(max * 1.05, 10);
        min = Math.max(0, min * 0.95);

        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("JIT / Keycloak's own way, PostgreSQL: ratio with bootstrap 95% CI (dot: latency p50, square: server CPU per login)", LEFT - 40, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));

        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        // y axis and grid
        for (double tick = Math.ceil(min * 10) / 10; tick <= max + 1e-9; tick += niceStep(max - min)) {
            int y = y(tick, min, max, plotHeight);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", tick), LEFT - 45, y + 4);
        }
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        int one = y(1.0, min, max, plotHeight);
        g.drawLine(LEFT, one, LEFT + plotWidth, one);
        g.setStroke(new BasicStroke(1.5f));
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);

        int groupWidth = plotWidth / Math.max(1, phases.size());
        for (int p = 0; p < phases.size(); p++) {
            int groupX = LEFT + p * groupWidth;
            g.setColor(Color.BLACK);
            String label = phases.get(p);
            g.drawString(label, groupX + groupWidth / 2 - g.getFontMetrics().stringWidth(label) / 2, TOP + plotHeight + 20);
            for (FirstLoginBenchmark.Result r : results) {
                if (!r.phase().equals(label)) {
                    continue;
                }
                int s = sizes.indexOf(r.size());
                int x = groupX + (s + 1) * groupWidth / (sizes.size() + 1);
                g.setColor(COLOURS[s % COLOURS.length]);
                bar(g, x - 6, r.latency(), min, max, plotHeight);
                int yl = y(r.latency().estimate(), min, max, plotHeight);
                g.fillOval(x - 6 - 5, yl - 5, 10, 10);
                bar(g, x + 6, r.cpu(), min, max, plotHeight);
                int yc = y(r.cpu().estimate(), min, max, plotHeight);
                g.drawRect(x + 6 - 5, yc - 5, 10, 10);
            }
        }
        // legend
        int lx = LEFT;
        for (int s = 0; s < sizes.size(); s++) {
            g.setColor(COLOURS[s % COLOURS.length]);
            g.fillOval(lx, HEIGHT - 55, 10, 10);
            g.setColor(Color.BLACK);
            String text = String.format(Locale.ROOT, "%,d organizations", sizes.get(s));
            g.drawString(text, lx + 15, HEIGHT - 46);
            lx += 30 + g.getFontMetrics().stringWidth(text);
        }
        g.drawString("B arms: stock flow + hardcoded role/group mappers (first login), stock IMPORT (unchanged), stock FORCE (changed), "
                + "JIT known domain (unknown vs known)", LEFT, HEIGHT - 20);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void bar(Graphics2D g, int x, FirstLoginBenchmark.Ci ci, double min, double max, int plotHeight) {
        int low = y(ci.low(), min, max, plotHeight);
        int high = y(ci.high(), min, max, plotHeight);
        g.drawLine(x, low, x, high);
        g.drawLine(x - 4, low, x + 4, low);
        g.drawLine(x - 4, high, x + 4, high);
    }

    private static int y(double value, double min, double max, int plotHeight) {
        double clamped = Math.max(min, Math.min(max, value));
        return TOP + (int) Math.round((max - clamped) / (max - min) * plotHeight);
    }

    private static double niceStep(double range) {
        return range <= 0.6 ? 0.05 : range <= 1.5 ? 0.1 : range <= 3 ? 0.25 : 0.5;
    }
}
