package dev.weft.cli;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A fixed bench result for the plot tests, and a strict, entity-free SVG parser. */
final class PlotData {

    static final String CPU = "AMD EPYC 9R14 96-Core Processor";
    static final String JDK = "17.0.15+6-Debian-1deb12u1";
    static final LocalDate DATE = LocalDate.of(2026, 12, 3);
    static final int[] SIZES = {256, 512, 1024};
    static final int[] THREADS = {1, 2, 4};
    /** GFLOPS by size (rows), thread count (columns): Weft, then ForkJoinPool. */
    static final double[][] WEFT = {{20.0, 38.5, 61.0}, {30.0, 58.0, 101.0}, {40.0, 78.0, 140.0}};
    static final double[][] FORKJOIN = {{19.0, 36.0, 55.5}, {31.0, 57.0, 98.0}, {39.5, 74.0, 120.0}};

    private PlotData() {
    }

    static BenchResult fixed() {
        return fixed(CPU);
    }

    static BenchResult fixed(String cpuModel) {
        List<BenchResult.Gemm> rows = new ArrayList<>();
        for (int s = 0; s < SIZES.length; s++) {
            for (int t = 0; t < THREADS.length; t++) {
                rows.add(gemm(SIZES[s], THREADS[t], BenchResult.WEFT, WEFT[s][t], WEFT[s][0]));
                rows.add(gemm(SIZES[s], THREADS[t], BenchResult.FORKJOIN, FORKJOIN[s][t], FORKJOIN[s][0]));
            }
        }
        return result(cpuModel, rows);
    }

    static BenchResult result(String cpuModel, List<BenchResult.Gemm> rows) {
        BenchSettings settings = new BenchSettings(SIZES, THREADS, 5, 0, 0, VectorRelaunch.Decision.RESOLVED);
        BenchMachine machine = new BenchMachine(cpuModel, 1, 2, 4, "0-3", 4, "linux", "work-stealing",
                "vector (AVX-512, 8 doubles)", "", JDK, "OpenJDK 64-Bit Server VM (Debian)", "Linux 6.1 amd64", "0.1.0");
        return new BenchResult(machine, settings, rows, List.of(), 42.0, DATE);
    }

    static BenchResult.Gemm gemm(int size, int threads, String pool, double gflops, double oneThread) {
        double speedup = gflops / oneThread;
        return new BenchResult.Gemm(size, threads, pool, gflops, speedup, speedup / threads,
                2.0 * size * size * size / gflops / 1e9, 5);
    }

    /** Parses with DOCTYPEs refused and no external access, failing on any error or warning. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        DocumentBuilder b = f.newDocumentBuilder();
        b.setErrorHandler(new DefaultHandler() {
            @Override
            public void warning(SAXParseException e) throws SAXParseException {
                throw e;
            }

            @Override
            public void error(SAXParseException e) throws SAXParseException {
                throw e;
            }
        });
        return b.parse(new InputSource(new StringReader(xml)));
    }

    /** Every element named {@code name} (SVG namespace), in document order. */
    static List<Element> elements(Document doc, String name) {
        NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            list.add((Element) nodes.item(i));
        }
        return list;
    }
}
