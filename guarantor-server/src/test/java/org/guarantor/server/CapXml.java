package org.guarantor.server;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Validator;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.guarantor.signing.CapReport;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads and checks CAP documents in tests: schema validity (the bundled OASIS XSD) and XPath. */
final class CapXml {
  private CapXml() {}

  static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new AssertionError("not XML: " + xml, e);
    }
  }

  /**
   * Validates an element (an alert) against the CAP 1.2 schema, failing with the schema's words.
   */
  static void assertValid(Node alert) {
    try {
      Validator v = CapReport.schema().newValidator();
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      v.validate(new DOMSource(alert));
    } catch (Exception e) {
      throw new AssertionError("not a valid CAP 1.2 alert: " + e.getMessage(), e);
    }
  }

  static Document valid(String xml) {
    Document d = parse(xml);
    assertValid(d);
    return d;
  }

  /** The alerts embedded in an Atom feed's entries, each a document of its own. */
  static List<Document> alertsOf(Document feed) {
    List<Document> out = new ArrayList<>();
    NodeList alerts = feed.getElementsByTagNameNS(CapReport.NS, "alert");
    for (int i = 0; i < alerts.getLength(); i++) {
      try {
        Document d =
            DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
        d.appendChild(d.importNode(alerts.item(i), true));
        out.add(d);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    return out;
  }

  /** An XPath over CAP ({@code cap:}) and Atom ({@code atom:}) documents, as text. */
  static String at(Node n, String xpath) {
    try {
      var x = XPathFactory.newInstance().newXPath();
      x.setNamespaceContext(NAMESPACES);
      return (String) x.evaluate(xpath, n, XPathConstants.STRING);
    } catch (Exception e) {
      throw new AssertionError(xpath, e);
    }
  }

  static int count(Node n, String xpath) {
    return Integer.parseInt(at(n, "count(" + xpath + ")").replace(".0", ""));
  }

  static Element root(Document d) {
    return d.getDocumentElement();
  }

  private static final NamespaceContext NAMESPACES =
      new NamespaceContext() {
        @Override
        public String getNamespaceURI(String prefix) {
          return switch (prefix) {
            case "cap" -> CapReport.NS;
            case "atom" -> CapController.ATOM;
            case "rm" -> EdxlRm.NS;
            default -> XMLConstants.NULL_NS_URI;
          };
        }

        @Override
        public String getPrefix(String uri) {
          return null;
        }

        @Override
        public java.util.Iterator<String> getPrefixes(String uri) {
          return null;
        }
      };
}
