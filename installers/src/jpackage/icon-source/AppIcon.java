import java.awt.*;
import java.awt.geom.*;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import java.io.File;
/** Draws the Framewise application icon: java AppIcon.java SIZE OUT.png (ICO and ICNS embed the 256 and 512 px PNGs). */
public class AppIcon { public static void main(String[] a) throws Exception {
  int s = Integer.parseInt(a[0]);
  BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
  Graphics2D g = img.createGraphics();
  g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
  g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
  double u = s / 256.0;
  g.setPaint(new GradientPaint(0, 0, new Color(0x2B, 0x3A, 0x67), s, s, new Color(0x12, 0x18, 0x2E)));
  g.fill(new RoundRectangle2D.Double(8*u, 8*u, 240*u, 240*u, 56*u, 56*u));
  // film frame
  g.setColor(new Color(0xE8, 0xEC, 0xF4));
  g.setStroke(new BasicStroke((float)(12*u), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
  g.draw(new RoundRectangle2D.Double(44*u, 64*u, 168*u, 112*u, 20*u, 20*u));
  for (int i = 0; i < 5; i++) { g.fill(new RoundRectangle2D.Double((60 + i*30)*u, 80*u, 16*u, 10*u, 4*u, 4*u)); g.fill(new RoundRectangle2D.Double((60 + i*30)*u, 150*u, 16*u, 10*u, 4*u, 4*u)); }
  // timeline with highlighted moment
  g.setColor(new Color(0x8C, 0x96, 0xB4));
  g.fill(new RoundRectangle2D.Double(44*u, 196*u, 168*u, 10*u, 10*u, 10*u));
  g.setColor(new Color(0xFF, 0xB3, 0x3B));
  g.fill(new RoundRectangle2D.Double(120*u, 196*u, 44*u, 10*u, 10*u, 10*u));
  g.fill(new Ellipse2D.Double(132*u, 186*u, 30*u, 30*u));
  // spark (reasoning) inside the frame
  Path2D star = new Path2D.Double(); double cx = 128*u, cy = 120*u, r1 = 28*u, r2 = 8*u;
  for (int i = 0; i < 8; i++) { double ang = Math.PI/4*i - Math.PI/2; double r = i%2==0 ? r1 : r2; double x = cx + r*Math.cos(ang), y = cy + r*Math.sin(ang); if (i==0) star.moveTo(x,y); else star.lineTo(x,y);} star.closePath();
  g.fill(star);
  g.dispose();
  ImageIO.write(img, "png", new File(a[1]));
}}
