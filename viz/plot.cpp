#include "plot.hpp"

#include <vtkAxis.h>
#include <vtkChartLegend.h>
#include <vtkChartXY.h>
#include <vtkContextScene.h>
#include <vtkContextView.h>
#include <vtkDoubleArray.h>
#include <vtkPen.h>
#include <vtkPlot.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <vtkTable.h>
#include <vtkTextProperty.h>

#include <filesystem>

#include "core/error.hpp"
#include "io/hdf5_file.hpp"
#include "png.hpp"
#include "xvfb.hpp"

namespace strider::viz {

namespace {

struct Series {
  std::string name;
  std::vector<double> t, y;
};

std::vector<Series> read_series(const std::string& run, const PlotOptions& o) {
  H5Reader in(run);
  std::vector<hsize_t> dims;
  const std::vector<double> time = in.read("/time");
  std::vector<Series> out;
  if (o.channels == "grf") {
    const double weight = in.attr_number("/provenance", "body_mass_kg") * 9.81;
    const auto force = in.read("/contact/force_n", &dims);
    const auto feet = in.attr_strings("/contact/force_n", "names");
    for (std::size_t f = 0; f < feet.size(); ++f) {
      Series vertical{feet[f] + " vertical", time, {}}, fore_aft{feet[f] + " fore-aft", time, {}};
      for (std::size_t r = 0; r < time.size(); ++r) {
        vertical.y.push_back(force[(r * feet.size() + f) * 3 + 2] / weight);
        fore_aft.y.push_back(force[(r * feet.size() + f) * 3 + 0] / weight);
      }
      out.push_back(vertical);
      out.push_back(fore_aft);
    }
    return out;
  }
  const bool joints = o.channels == "joints";
  if (!joints && o.channels != "activation") {
    throw InputError("<command line>", "--channels", "unknown channel set '" + o.channels + "'",
                     "use grf, joints or activation");
  }
  const std::string dataset = joints ? "/q" : "/muscles/activation";
  const auto data = in.read(dataset, &dims);
  const auto names = in.attr_strings(dataset, "names");
  std::vector<std::string> wanted = o.select;
  if (wanted.empty()) {
    wanted = joints ? std::vector<std::string>{"hip_flexion_r", "knee_flexion_r", "ankle_dorsiflexion_r"}
                    : std::vector<std::string>{"glut_max_r", "vasti_r", "soleus_r", "tib_ant_r"};
  }
  for (const auto& w : wanted) {
    const auto it = std::find(names.begin(), names.end(), w);
    if (it == names.end()) {
      throw InputError(run, dataset, "has no column '" + w + "'", "choose names listed by `strider info " + run + "`");
    }
    const std::size_t c = static_cast<std::size_t>(it - names.begin());
    Series s{w, time, {}};
    for (std::size_t r = 0; r < time.size(); ++r) s.y.push_back(data[r * names.size() + c] * (joints ? 180.0 / 3.14159265358979 : 1.0));
    out.push_back(s);
  }
  return out;
}

}  // namespace

void plot_runs(const std::vector<std::string>& runs, const std::string& png_path, const PlotOptions& o) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::vector<Series>>> all;
  for (const auto& r : runs) all.emplace_back(fs::path(r).stem().string(), read_series(r, o));
  VirtualDisplay display;
  auto view = vtkSmartPointer<vtkContextView>::New();
  view->GetRenderWindow()->SetOffScreenRendering(1);
  view->GetRenderWindow()->SetSize(o.width, o.height);
  view->GetRenderer()->SetBackground(1.0, 1.0, 1.0);
  auto chart = vtkSmartPointer<vtkChartXY>::New();
  view->GetScene()->AddItem(chart);
  chart->SetShowLegend(true);
  chart->GetLegend()->GetLabelProperties()->SetFontSize(14);
  chart->GetAxis(vtkAxis::BOTTOM)->SetTitle("time (s)");
  chart->GetAxis(vtkAxis::LEFT)->SetTitle(o.channels == "grf" ? "ground reaction force (BW)"
                                          : o.channels == "joints" ? "joint angle (deg)" : "activation (0-1)");
  const unsigned char palette[8][3] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44}, {214, 39, 40},
                                       {148, 103, 189}, {140, 86, 75}, {227, 119, 194}, {127, 127, 127}};
  int colour = 0;
  std::vector<vtkSmartPointer<vtkTable>> tables;  // the chart keeps pointers into these
  for (std::size_t r = 0; r < all.size(); ++r) {
    for (const auto& s : all[r].second) {
      auto table = vtkSmartPointer<vtkTable>::New();
      auto x = vtkSmartPointer<vtkDoubleArray>::New();
      x->SetName("time");
      auto y = vtkSmartPointer<vtkDoubleArray>::New();
      const std::string label = all.size() > 1 ? all[r].first + ": " + s.name : s.name;
      y->SetName(label.c_str());
      for (std::size_t k = 0; k < s.t.size(); ++k) {
        x->InsertNextValue(s.t[k]);
        y->InsertNextValue(s.y[k]);
      }
      table->AddColumn(x);
      table->AddColumn(y);
      vtkPlot* line = chart->AddPlot(vtkChart::LINE);
      line->SetInputData(table, 0, 1);
      const auto& c = palette[colour++ % 8];
      line->SetColor(c[0], c[1], c[2], 255);
      line->SetWidth(2.0);
      if (r > 0) line->GetPen()->SetLineType(vtkPen::DASH_LINE);
      tables.push_back(table);
    }
  }
  view->GetRenderWindow()->Render();
  save_png(view->GetRenderWindow(), png_path);
}

}  // namespace strider::viz
